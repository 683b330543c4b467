package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's arithmetic on items made by hand: nearest-rank percentiles, rounding, failures, reason codes. */
class SimulationTallyTest {

    private static JobItem item(String result, String before, String limitBefore, String reasonsBefore,
                                String after, String limitAfter, String reasonsAfter) {
        JobItem item = new JobItem();
        item.decisionId = "D" + System.nanoTime();
        item.result = result;
        item.outcomeBefore = before;
        item.limitBefore = new BigDecimal(limitBefore);
        item.rateBefore = "DECLINED".equals(before) ? null : new BigDecimal("5.20");
        item.reasonsBefore = reasonsBefore;
        item.outcomeAfter = after;
        item.limitAfter = limitAfter == null ? null : new BigDecimal(limitAfter);
        item.rateAfter = after == null || "DECLINED".equals(after) ? null : new BigDecimal("6.20");
        item.reasonsAfter = reasonsAfter;
        return item;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void shouldTakePercentilesByNearestRank() {
        SimulationTally tally = new SimulationTally();
        for (int i = 1; i <= 10; i++) {
            tally.add(item(JobItem.SAME, "APPROVED", i + "000.00", "", "APPROVED", i + "000.00", ""));
        }
        SimulationReport report = tally.report(null, List.of());
        // ranks ceil(0.5 × 10) = 5 and ceil(0.9 × 10) = 9
        assertEquals(new SimulationReport.Distribution(10, d("5500.00"), d("5000.00"), d("9000.00")), report.limits().before());
        assertEquals(d("55000.00"), report.exposure().before());

        SimulationTally one = new SimulationTally();
        one.add(item(JobItem.SAME, "APPROVED", "12345.67", "", "APPROVED", "12345.67", ""));
        assertEquals(new SimulationReport.Distribution(1, d("12345.67"), d("12345.67"), d("12345.67")),
                one.report(null, List.of()).limits().after());
    }

    @Test
    void shouldBinBothSidesOnTheSameNiceWidths() {
        SimulationTally tally = new SimulationTally();
        for (int i = 1; i <= 10; i++) {
            tally.add(item(JobItem.SAME, "APPROVED", i + "000.00", "", "APPROVED", i + "000.00", ""));
        }
        tally.add(item(JobItem.CHANGED, "APPROVED", "1000.00", "", "DECLINED", "0.00", "SCORE_TOO_LOW"));
        SimulationReport report = tally.report(null, List.of());
        // 1,000 to 10,000: a range of 9,000 in about ten bins → width 1,000 (the nice width ≥ 900)
        List<SimulationReport.Bin> limits = report.limits().bins();
        assertEquals(10, limits.size());
        assertEquals(new SimulationReport.Bin(d("1000.00"), d("2000.00"), 2, 1), limits.get(0));
        assertEquals(new SimulationReport.Bin(d("10000.00"), d("11000.00"), 1, 1), limits.get(9));
        assertEquals(11, limits.stream().mapToInt(SimulationReport.Bin::before).sum());
        assertEquals(10, limits.stream().mapToInt(SimulationReport.Bin::after).sum());
        // every rate 5.20 before and 6.20 after: width 0.10 from 5.20, the top bin holding 6.20
        List<SimulationReport.Bin> rates = report.rates().bins();
        assertEquals(11, rates.size());
        assertEquals(new SimulationReport.Bin(d("5.20"), d("5.30"), 11, 0), rates.get(0));
        assertEquals(new SimulationReport.Bin(d("6.20"), d("6.30"), 0, 10), rates.get(10));

        assertEquals(List.of(), new SimulationTally().report(null, List.of()).limits().bins());
        SimulationTally one = new SimulationTally();
        one.add(item(JobItem.SAME, "APPROVED", "50000.00", "", "APPROVED", "50000.00", ""));
        assertEquals(List.of(new SimulationReport.Bin(d("50000.00"), d("55000.00"), 1, 1)),
                one.report(null, List.of()).limits().bins());
    }

    @Test
    void shouldRoundTheMeanHalfUpAndLeaveAnEmptyPopulationWithoutFigures() {
        SimulationTally tally = new SimulationTally();
        tally.add(item(JobItem.SAME, "APPROVED", "0.01", "", "APPROVED", "0.01", ""));
        tally.add(item(JobItem.SAME, "APPROVED", "0.02", "", "APPROVED", "0.02", ""));
        tally.add(item(JobItem.CHANGED, "DECLINED", "0.00", "SCORE_TOO_LOW", "DECLINED", "0.00", "SCORE_TOO_LOW,BLACKLISTED"));
        SimulationReport report = tally.report(null, List.of());
        // (0.01 + 0.02) / 2 = 0.015 → 0.02
        assertEquals(d("0.02"), report.limits().before().mean());
        assertEquals(2, report.limits().before().count());

        SimulationReport none = new SimulationTally().report(null, List.of());
        assertEquals(new SimulationReport.Distribution(0, null, null, null), none.rates().before());
        assertEquals(Map.of("APPROVED", 0, "REFERRED", 0, "DECLINED", 0, "ERROR", 0), none.transitions().get("REFERRED"));
        assertEquals(d("0.00"), none.exposure().after());
    }

    @Test
    void shouldPutFailuresInTheErrorColumnAndLeaveThemOutOfEverythingAfter() {
        SimulationTally tally = new SimulationTally();
        tally.add(item(JobItem.ERROR, "APPROVED", "40000.00", "LIMIT_CAPPED_BY_REQUEST", null, null, null));
        tally.add(item(JobItem.CHANGED, "APPROVED", "40000.00", "LIMIT_CAPPED_BY_REQUEST", "DECLINED", "0.00",
                "SCORE_TOO_LOW"));
        tally.add(item(JobItem.CHANGED, "DECLINED", "0.00", "SCORE_TOO_LOW", "APPROVED", "60000.00", ""));
        SimulationReport report = tally.report(null, List.of());

        assertEquals(Map.of("APPROVED", 0, "REFERRED", 0, "DECLINED", 1, "ERROR", 1), report.transitions().get("APPROVED"));
        assertEquals(Map.of("APPROVED", 1, "REFERRED", 0, "DECLINED", 1, "ERROR", 1), report.counts().after());
        assertEquals(d("80000.00"), report.exposure().before());
        assertEquals(d("60000.00"), report.exposure().after());
        assertEquals(2, report.limits().before().count());
        assertEquals(1, report.limits().after().count());
        assertEquals(3, report.total());
        assertEquals(1, report.failed());
        assertEquals(2, report.changed());
        assertEquals(0, report.unchanged());
        // the failed decision's codes count neither way; each change counts its own
        assertEquals(List.of(new SimulationReport.CodeCount("SCORE_TOO_LOW", 1)), report.reasonCodes().appearing());
        assertEquals(List.of(new SimulationReport.CodeCount("LIMIT_CAPPED_BY_REQUEST", 1),
                new SimulationReport.CodeCount("SCORE_TOO_LOW", 1)), report.reasonCodes().disappearing());
        assertEquals(2, tally.sampleItems().size());
    }

    @Test
    void shouldKeepTheTenCodesMostDecisionsGainedAndTheFirstTwentyChanges() {
        SimulationTally tally = new SimulationTally();
        for (int code = 0; code < 12; code++) {
            for (int n = 0; n <= code; n++) {
                tally.add(item(JobItem.CHANGED, "APPROVED", "1000.00", "", "APPROVED", "1000.00", "C" + (char) ('A' + code)));
            }
        }
        SimulationReport report = tally.report(null, List.of());
        assertEquals(10, report.reasonCodes().appearing().size());
        assertEquals(new SimulationReport.CodeCount("CL", 12), report.reasonCodes().appearing().get(0));
        assertEquals(new SimulationReport.CodeCount("CC", 3), report.reasonCodes().appearing().get(9));
        assertEquals(SimulationTally.SAMPLE_SIZE, tally.sampleItems().size());
    }
}

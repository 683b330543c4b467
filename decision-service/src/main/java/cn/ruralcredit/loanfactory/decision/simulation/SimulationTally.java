package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.JobItem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of a simulation report, added up one job item at a time, so that a report over any
 * number of decisions reads its items page by page. Only the limits and rates are kept whole (as
 * cents in long arrays), because percentiles need every value.
 */
final class SimulationTally {
    static final List<String> OUTCOMES = List.of("APPROVED", "REFERRED", "DECLINED");
    static final String ERROR = "ERROR";
    static final String DECLINED = "DECLINED";
    static final int TOP_CODES = 10;
    static final int SAMPLE_SIZE = 20;

    private final Map<String, Map<String, Integer>> transitions = new LinkedHashMap<>();
    private final Map<String, Integer> countsBefore = new LinkedHashMap<>();
    private final Map<String, Integer> countsAfter = new LinkedHashMap<>();
    private BigDecimal exposureBefore = BigDecimal.ZERO;
    private BigDecimal exposureAfter = BigDecimal.ZERO;
    private final Cents limitsBefore = new Cents();
    private final Cents limitsAfter = new Cents();
    private final Cents ratesBefore = new Cents();
    private final Cents ratesAfter = new Cents();
    private final Map<String, Integer> appearing = new HashMap<>();
    private final Map<String, Integer> disappearing = new HashMap<>();
    private final List<JobItem> sample = new ArrayList<>();
    private int total;
    private int unchanged;
    private int changed;
    private int failed;

    SimulationTally() {
        for (String before : OUTCOMES) {
            transitions.put(before, zeroRow());
            countsBefore.put(before, 0);
            countsAfter.put(before, 0);
        }
        countsAfter.put(ERROR, 0);
    }

    void add(JobItem item) {
        total++;
        boolean error = JobItem.ERROR.equals(item.result);
        String before = item.outcomeBefore;
        String after = error ? ERROR : item.outcomeAfter;
        transitions.computeIfAbsent(before, k -> zeroRow()).merge(after, 1, Integer::sum);
        countsBefore.merge(before, 1, Integer::sum);
        countsAfter.merge(after, 1, Integer::sum);
        exposureBefore = exposureBefore.add(item.limitBefore);
        if (!DECLINED.equals(before)) {
            limitsBefore.add(item.limitBefore);
            ratesBefore.add(item.rateBefore);
        }
        if (error) {
            failed++;
            return;
        }
        if (item.limitAfter != null) exposureAfter = exposureAfter.add(item.limitAfter);
        if (!DECLINED.equals(after)) {
            limitsAfter.add(item.limitAfter);
            ratesAfter.add(item.rateAfter);
        }
        if (JobItem.CHANGED.equals(item.result)) {
            changed++;
            if (sample.size() < SAMPLE_SIZE) sample.add(item);
        } else {
            unchanged++;
        }
        Set<String> codesBefore = new LinkedHashSet<>(codes(item.reasonsBefore));
        Set<String> codesAfter = new LinkedHashSet<>(codes(item.reasonsAfter));
        for (String code : codesAfter) if (!codesBefore.contains(code)) appearing.merge(code, 1, Integer::sum);
        for (String code : codesBefore) if (!codesAfter.contains(code)) disappearing.merge(code, 1, Integer::sum);
    }

    /** The first changed items, in the order they were added (decision order), for the report's sample. */
    List<JobItem> sampleItems() {
        return List.copyOf(sample);
    }

    SimulationReport report(BigDecimal ratePerSecond, List<SimulationReport.Sample> samples) {
        return new SimulationReport(total, unchanged, changed, failed, ratePerSecond, transitions,
                new SimulationReport.Counts(countsBefore, countsAfter),
                new SimulationReport.Exposure(exposureBefore.setScale(2), exposureAfter.setScale(2)),
                new SimulationReport.Distributions(limitsBefore.distribution(), limitsAfter.distribution()),
                new SimulationReport.Distributions(ratesBefore.distribution(), ratesAfter.distribution()),
                new SimulationReport.ReasonCodes(top(appearing), top(disappearing)), samples);
    }

    /** The codes of a comma-separated list as stored on an item; none for null or empty. */
    static List<String> codes(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    private static Map<String, Integer> zeroRow() {
        Map<String, Integer> row = new LinkedHashMap<>();
        for (String after : OUTCOMES) row.put(after, 0);
        row.put(ERROR, 0);
        return row;
    }

    private static List<SimulationReport.CodeCount> top(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CODES)
                .map(e -> new SimulationReport.CodeCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Amounts with two decimals, kept as whole cents: a million decisions take 8 MB, not a million BigDecimals. */
    static final class Cents {
        private long[] values = new long[256];
        private int count;
        private long sum;

        void add(BigDecimal value) {
            if (value == null) return;
            long cents = value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = cents;
            sum = Math.addExact(sum, cents);
        }

        SimulationReport.Distribution distribution() {
            if (count == 0) return new SimulationReport.Distribution(0, null, null, null);
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            BigDecimal mean = BigDecimal.valueOf(sum, 2).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
            return new SimulationReport.Distribution(count, mean, nearestRank(sorted, 50), nearestRank(sorted, 90));
        }

        /** The value at rank ceil(p/100 × n), 1-based, of the values sorted ascending. */
        static BigDecimal nearestRank(long[] sorted, int percent) {
            int rank = (int) ((percent * (long) sorted.length + 99) / 100);
            return BigDecimal.valueOf(sorted[Math.max(rank, 1) - 1], 2);
        }
    }
}

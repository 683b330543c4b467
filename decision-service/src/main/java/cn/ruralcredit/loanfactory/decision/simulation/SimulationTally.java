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
    /** About how many bins a distribution's histogram has. */
    static final int BINS = 10;

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
                new SimulationReport.Distributions(limitsBefore.distribution(), limitsAfter.distribution(),
                        Cents.bins(limitsBefore, limitsAfter)),
                new SimulationReport.Distributions(ratesBefore.distribution(), ratesAfter.distribution(),
                        Cents.bins(ratesBefore, ratesAfter)),
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

        /**
         * One histogram of both sides: bins of one "nice" width (1, 2 or 5 × 10^k cents) wide
         * enough that about {@link SimulationTally#BINS} cover the lowest to the highest value of either side.
         */
        static List<SimulationReport.Bin> bins(Cents before, Cents after) {
            if (before.count == 0 && after.count == 0) return List.of();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Cents side : List.of(before, after)) {
                for (int i = 0; i < side.count; i++) {
                    min = Math.min(min, side.values[i]);
                    max = Math.max(max, side.values[i]);
                }
            }
            long range = max - min;
            long step = niceWidth(range == 0 ? Math.max(1, Math.abs(min) / BINS) : (range + BINS - 1) / BINS);
            long start = Math.floorDiv(min, step) * step;
            int n = (int) ((max - start) / step) + 1;
            int[] b = before.histogram(start, step, n);
            int[] a = after.histogram(start, step, n);
            List<SimulationReport.Bin> bins = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bins.add(new SimulationReport.Bin(BigDecimal.valueOf(start + i * step, 2),
                        BigDecimal.valueOf(start + (i + 1) * step, 2), b[i], a[i]));
            }
            return bins;
        }

        /** The smallest of 1, 2, 5, 10, 20, 50, … that is at least {@code width}. */
        static long niceWidth(long width) {
            long power = 1;
            while (true) {
                for (long m : new long[] {1, 2, 5}) {
                    if (m * power >= width) return m * power;
                }
                power *= 10;
            }
        }

        private int[] histogram(long start, long step, int n) {
            int[] counts = new int[n];
            for (int i = 0; i < count; i++) counts[(int) ((values[i] - start) / step)]++;
            return counts;
        }

        /** The value at rank ceil(p/100 × n), 1-based, of the values sorted ascending. */
        static BigDecimal nearestRank(long[] sorted, int percent) {
            int rank = (int) ((percent * (long) sorted.length + 99) / 100);
            return BigDecimal.valueOf(sorted[Math.max(rank, 1) - 1], 2);
        }
    }
}

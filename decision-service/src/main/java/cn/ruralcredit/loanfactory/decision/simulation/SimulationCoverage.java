package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The approval rule: a version is approved without {@code acknowledgeNoSimulation} only when a
 * simulation covers it, that is a simulation of this version that is DONE, was of the content the
 * version has now (same sha256), and whose range took in at least the last 30 days of data when it
 * ran: {@code from <= D - 29} and {@code to >= D}, D being the day (Asia/Shanghai) it was queued
 * and took its snapshot of decisions.
 */
public final class SimulationCoverage {
    /** Days of decisions, up to the day it ran, a simulation must take in to cover a version. */
    public static final int DAYS = 30;

    private SimulationCoverage() {
    }

    /** Whether {@code job}, a simulation of {@code version}, covers it now. */
    public static boolean covers(BackgroundJob job, RuleSetVersion version) {
        return BackgroundJob.SIMULATION.equals(job.kind) && BackgroundJob.DONE.equals(job.status)
                && job.productCode.equals(version.product.code) && job.version != null && job.version == version.version
                && version.sha256.equals(job.ruleSetSha256) && coversLastDays(job);
    }

    /** Whether the job's range took in the {@link #DAYS} days up to the day it ran. */
    static boolean coversLastDays(BackgroundJob job) {
        LocalDate ranOn = LocalDate.ofInstant(job.windowEnd, DecisionClock.ZONE);
        return !job.fromDate.isAfter(ranOn.minusDays(DAYS - 1L)) && !job.toDate.isBefore(ranOn);
    }

    /** The newest simulation that covers {@code version}, if any. Call within a transaction. */
    public static Optional<BackgroundJob> covering(RuleSetVersion version) {
        return BackgroundJob.simulationsOf(version.product.code, version.version, version.sha256).stream()
                .filter(job -> covers(job, version)).findFirst();
    }
}

package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;

/** What the {@link BatchRunner} runs for one kind and status of {@link BatchJob}. */
public interface LongJob {
    /** True for the jobs this work runs (e.g. kind BATCH, or a re-rating being applied). */
    boolean runs(BatchJob job);

    /**
     * Runs the job from its committed cursor to its end, each chunk committed with the cursor
     * through {@link BatchRunner#lockOwned}; returns early when {@code runner.stopping()}.
     */
    void run(BatchJob job, BatchRunner runner) throws Exception;
}

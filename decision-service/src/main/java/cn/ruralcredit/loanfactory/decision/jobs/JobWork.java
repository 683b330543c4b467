package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;

/** What one kind of background job does with each stored decision, and at the end. */
public interface JobWork {
    /** The {@link BackgroundJob#kind} this work runs. */
    String kind();

    /**
     * The item for one decision, called outside any transaction. A fault of the rules on this
     * decision is an {@link JobItem#ERROR} item, not an exception; an exception fails the job.
     */
    JobItem process(BackgroundJob job, Decision decision);

    /**
     * Whether the decisions of a chunk may be processed at the same time, on every core. Only for
     * work that runs in this JVM: work that borrows a rule worker process would take every worker
     * and leave staff requests waiting for one.
     */
    default boolean parallel() {
        return false;
    }

    /** Called in the transaction that marks the job done, after its last chunk; may write the report. */
    default void finish(BackgroundJob job) {
    }
}

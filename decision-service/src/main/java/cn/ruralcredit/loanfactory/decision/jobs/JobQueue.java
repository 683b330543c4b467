package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Admission of new jobs (replay campaigns, simulations): a date range the stored decisions can
 * fill, and room in the queue. One node runs one job at a time, so a queue without bounds lets
 * one user push everyone else's work back by hours (issue 14: 31 campaigns over
 * 1000-01-01..9999-12-31 from one auditor, all accepted).
 */
@ApplicationScoped
public class JobQueue {
    /** What a client is told to wait before asking again: jobs of the usual size finish within it. */
    static final long RETRY_AFTER_SECONDS = 30;

    @Inject
    JobsConfig config;

    /**
     * The scope of a new job from the days asked for (by default the last {@code defaultDays}):
     * {@code to} no later than today in Asia/Shanghai, at most {@code max-range-days} days.
     */
    public JobScope scope(String productCode, LocalDate from, LocalDate to, int defaultDays) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        FieldErrors errors = new FieldErrors();
        errors.check(to == null || !to.isAfter(today), "to", "must not be after today (" + today + "): no decision is decided later");
        errors.check(from == null || !from.isAfter(today), "from", "must not be after today (" + today + ")");
        errors.throwIfAny();
        JobScope scope = JobRange.scope(productCode, from, to, defaultDays);
        long days = ChronoUnit.DAYS.between(scope.from(), scope.to()) + 1;
        if (days > config.maxRangeDays()) {
            throw ProblemException.badField("from", "the range covers " + days + " days; a job may cover at most "
                    + config.maxRangeDays() + " (narrow from or to)");
        }
        return scope;
    }

    /**
     * Refuses a new job of {@code user} with a 429 when they, or all users together, have as many
     * jobs waiting or running as allowed. Call within the transaction that queues the job.
     */
    public void admit(String user) {
        long mine = BackgroundJob.count("createdBy = ?1 and status in (?2, ?3)", user, BackgroundJob.QUEUED, BackgroundJob.RUNNING);
        if (mine >= config.maxQueuedPerUser()) {
            throw ProblemException.tooManyRequests("you have " + mine + " jobs waiting or running, the most one user may have ("
                    + config.maxQueuedPerUser() + "); ask again when one has finished", RETRY_AFTER_SECONDS);
        }
        long all = BackgroundJob.count("status in (?1, ?2)", BackgroundJob.QUEUED, BackgroundJob.RUNNING);
        if (all >= config.maxQueued()) {
            throw ProblemException.tooManyRequests(all + " jobs are waiting or running, the most the service queues ("
                    + config.maxQueued() + "); ask again when one has finished", RETRY_AFTER_SECONDS);
        }
    }
}

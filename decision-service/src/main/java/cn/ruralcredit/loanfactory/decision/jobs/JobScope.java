package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The decisions a job covers: one product's, decided from the start of {@code from} to the end
 * of {@code to} in Asia/Shanghai, and before the job was created (its snapshot), so that the
 * total is fixed when the job is queued and decisions made meanwhile do not join it.
 */
public record JobScope(String productCode, LocalDate from, LocalDate to, Instant windowEnd) {

    public static JobScope of(BackgroundJob job) {
        return new JobScope(job.productCode, job.fromDate, job.toDate, job.windowEnd);
    }

    public Instant fromInstant() {
        return new QueryParams.DateRange(from, to).startInclusive();
    }

    public Instant toExclusive() {
        return new QueryParams.DateRange(from, to).endExclusive();
    }

    /** The decisions in scope now. Call within a transaction. */
    public long count() {
        return Decision.count("productCode = ?1 and decidedAt >= ?2 and decidedAt < ?3 and decidedAt <= ?4",
                productCode, fromInstant(), toExclusive(), windowEnd);
    }

    /** A queued job of {@code kind} over this scope, with its total counted. Call within a transaction. */
    public BackgroundJob queue(String kind, String createdBy) {
        BackgroundJob job = new BackgroundJob();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        job.id = Ulid.next(now.toEpochMilli());
        job.kind = kind;
        job.status = BackgroundJob.QUEUED;
        job.productCode = productCode;
        job.fromDate = from;
        job.toDate = to;
        job.windowEnd = windowEnd;
        job.total = Math.toIntExact(count());
        job.createdBy = createdBy;
        job.createdAt = now;
        return job;
    }
}

package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/** A background job as the API shows it: what it covers, how far it is, and how it ended. */
@Schema(description = "A background job over stored decisions, with its progress")
public record JobView(
        String id,
        @Schema(description = "REPLAY_CAMPAIGN or SIMULATION") String kind,
        @Schema(description = "QUEUED, RUNNING, DONE or FAILED") String status,
        String productCode,
        @Schema(description = "SIMULATION: the candidate version and the content simulated") Integer version,
        String ruleSetSha256,
        LocalDate from,
        LocalDate to,
        Progress progress,
        @Schema(description = "Replay: decisions whose replay matched; simulation: decisions unchanged") int matched,
        @Schema(description = "Replay: decisions whose replay differed; simulation: decisions changed") int mismatched,
        @Schema(description = "Decisions the rules failed on") int failed,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    @Schema(description = "done of total; the rate is over processing time; etaSeconds is null until the rate is known")
    public record Progress(int done, int total, BigDecimal percent, BigDecimal ratePerSecond, Long etaSeconds) {
    }

    public static JobView of(BackgroundJob job) {
        int total = Math.max(job.total, job.done);
        BigDecimal percent = total == 0 ? BigDecimal.valueOf(100)
                : BigDecimal.valueOf(job.done * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
        BigDecimal rate = job.runMillis <= 0 ? null
                : BigDecimal.valueOf(job.done * 1000L).divide(BigDecimal.valueOf(job.runMillis), 1, RoundingMode.HALF_UP);
        Long eta = job.finished() ? Long.valueOf(0) : rate == null || rate.signum() == 0 ? null
                : BigDecimal.valueOf(total - job.done).divide(rate, 0, RoundingMode.UP).longValue();
        return new JobView(job.id, job.kind, job.status, job.productCode, job.version, job.ruleSetSha256, job.fromDate,
                job.toDate, new Progress(job.done, total, percent, rate, eta), job.matched, job.mismatched, job.failed,
                job.error, job.createdBy, job.createdAt, job.startedAt, job.finishedAt);
    }
}

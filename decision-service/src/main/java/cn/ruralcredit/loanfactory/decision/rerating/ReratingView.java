package cn.ruralcredit.loanfactory.decision.rerating;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A re-rating and its progress; the report summary when it is DONE. */
@Schema(name = "Rerating", description = "A re-rating (动态调整) of a product's current lines")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReratingView(
        String id,
        @Schema(description = "QUEUED, RUNNING, DONE (report ready), FAILED, APPLYING, APPLIED") String status,
        String productCode,
        @Schema(description = "the version re-rated with, and its content") Integer version,
        String ruleSetSha256,
        LocalDate asOfDate,
        BigDecimal lprPct,
        LocalDate from,
        LocalDate to,
        @Schema(description = "lines done of total (while APPLYING: lines stored as new decisions)") Progress progress,
        String error,
        String createdBy,
        Instant createdAt,
        Instant finishedAt,
        String appliedBy,
        Instant appliedAt,
        Summary summary) {

    public record Progress(int done, int total, BigDecimal percent) {
    }

    @Schema(description = "counts by class (UP, DOWN, UNCHANGED, RATE_ONLY, WITHDRAWN, ERROR) and exposure before and after")
    public record Summary(int lines, Map<String, Integer> byChange, BigDecimal exposureBefore, BigDecimal exposureAfter) {
    }

    public static ReratingView of(BatchJob job) {
        int total = Math.max(job.total, job.done);
        BigDecimal percent = total == 0 ? BigDecimal.valueOf(100)
                : BigDecimal.valueOf(job.done * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
        Summary summary = job.report == null ? null : ApiJson.readValue(job.report, Summary.class);
        return new ReratingView(job.id, job.status, job.productCode, job.version, job.ruleSetSha256, job.asOfDate, job.lprPct,
                job.fromDate, job.toDate, new Progress(job.done, total, percent), job.error, job.createdBy, job.createdAt,
                job.finishedAt, job.appliedBy, job.appliedAt, summary);
    }
}

package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A batch rating job and its progress (GET /api/v1/batches/{id}). */
@Schema(name = "Batch", description = "A batch rating of an uploaded file, with its progress; summary when DONE")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BatchView(
        String id,
        @Schema(description = "QUEUED, RUNNING, DONE or FAILED") String status,
        @Schema(description = "PRODUCT (one product for every row) or BEST_OFFER (一选多: each row's best offer)") String mode,
        String productCode,
        String label,
        LocalDate asOfDate,
        @Schema(description = "the uploaded file: name, CSV or XLSX, the CSV's character set, sha256, bytes") FileInfo file,
        @Schema(description = "the file's header: columns read (header → field) and columns ignored") List<String> ignoredColumns,
        Progress progress,
        int approved,
        int declined,
        int referred,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "when DONE: counts by outcome, tier and product, and total exposure") BatchSummary summary) {

    public record FileInfo(String name, String format, String charset, String sha256, long bytes) {
    }

    @Schema(description = "rows done of total (good and bad), rows refused, rows per second of processing, seconds left (null until known)")
    public record Progress(int done, int total, int failedRows, BigDecimal percent, BigDecimal ratePerSecond, Long etaSeconds) {
    }

    public static BatchView of(BatchJob job) {
        int total = Math.max(job.total, job.done);
        BigDecimal percent = total == 0 ? BigDecimal.valueOf(100)
                : BigDecimal.valueOf(job.done * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.DOWN);
        BigDecimal rate = job.runMillis <= 0 ? null
                : BigDecimal.valueOf(job.done * 1000L).divide(BigDecimal.valueOf(job.runMillis), 1, RoundingMode.HALF_UP);
        Long eta = job.finished() ? Long.valueOf(0) : rate == null || rate.signum() == 0 ? null
                : BigDecimal.valueOf(total - job.done).divide(rate, 0, RoundingMode.UP).longValue();
        List<String> ignored = job.columnsJson == null ? List.of() : BatchHeader.fromJson(job.columnsJson).ignored();
        BatchSummary summary = job.report == null ? null : ApiJson.readValue(job.report, BatchSummary.class);
        return new BatchView(job.id, job.status, job.mode, job.productCode, job.label, job.asOfDate,
                new FileInfo(job.fileName, job.fileFormat, job.fileCharset, job.fileSha256, job.fileBytes == null ? 0 : job.fileBytes),
                ignored, new Progress(job.done, total, job.failedRows, percent, rate, eta), job.approved, job.declined, job.referred,
                job.error, job.createdBy, job.createdAt, job.startedAt, job.finishedAt, summary);
    }
}

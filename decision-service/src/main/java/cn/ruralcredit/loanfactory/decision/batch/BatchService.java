package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Batch ratings: an upload is checked whole before a job exists (format, character set, header,
 * row count), stored in the catalog with the job, and decided by the {@link BatchRunner}. The
 * same file uploaded again by the same officer for the same product (or best-offer mode) is
 * answered with the job that exists, unless a new one is asked for.
 */
@ApplicationScoped
public class BatchService {
    @Inject
    BatchConfig config;
    @Inject
    BatchStore store;
    @Inject
    BatchRunner runner;
    @Inject
    CurrentUser user;

    /** An upload's form fields. */
    public record Upload(Path file, String fileName, String productCode, String mode, String asOfDate, String label,
                         String charset, boolean newJob) {
    }

    /** The job for an upload, and whether it was there already. */
    public record Started(BatchView view, boolean existing) {
    }

    public Started start(Upload upload) {
        FieldErrors errors = new FieldErrors();
        String mode = upload.mode() == null || upload.mode().isBlank() ? BatchJob.MODE_PRODUCT
                : upload.mode().trim().toUpperCase(Locale.ROOT);
        errors.check(mode.equals(BatchJob.MODE_PRODUCT) || mode.equals(BatchJob.MODE_BEST_OFFER), "mode",
                "must be PRODUCT or BEST_OFFER");
        String productCode = FieldErrors.blank(upload.productCode()) ? null : upload.productCode().trim();
        if (mode.equals(BatchJob.MODE_PRODUCT)) errors.check(productCode != null, "productCode", "is required unless mode is BEST_OFFER");
        if (mode.equals(BatchJob.MODE_BEST_OFFER)) errors.check(productCode == null, "productCode", "must be absent when mode is BEST_OFFER");
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        LocalDate asOfDate = today;
        if (!FieldErrors.blank(upload.asOfDate())) {
            try {
                asOfDate = LocalDate.parse(upload.asOfDate().trim());
            } catch (DateTimeParseException e) {
                errors.add("asOfDate", "must be a date yyyy-MM-dd");
            }
        }
        String label = upload.label() == null ? null : upload.label().strip();
        errors.check(label == null || label.codePointCount(0, label.length()) <= 200, "label", "must be at most 200 characters");
        String charset = upload.charset();
        errors.check(charset == null || charset.isBlank() || List.of("AUTO", "UTF-8", "UTF8", "GBK", "GB18030", "GB2312", "CP936")
                .contains(charset.trim().toUpperCase(Locale.ROOT)), "charset", "must be AUTO, UTF-8, GBK or GB18030");
        errors.check(upload.file() != null, "file", "is required: a CSV or XLSX file as the multipart part 'file'");
        errors.throwIfAny();

        long bytes;
        String sha256;
        SourceFiles.Detected detected;
        try {
            bytes = Files.size(upload.file());
            if (bytes > config.maxFileSize().asLongValue()) {
                throw ProblemException.badField("file", "is " + bytes + " bytes; at most " + config.maxFileSize().asLongValue() + " are accepted");
            }
            sha256 = sha256(upload.file());
            detected = SourceFiles.detect(upload.file(), charset);
        } catch (RowSource.BadFile e) {
            throw ProblemException.badField("file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String by = user.name();
        String product = productCode;
        if (!upload.newJob()) {
            Optional<BatchJob> existing = QuarkusTransaction.requiringNew().call(() -> BatchJob.<BatchJob>find(
                    "fileSha256 = ?1 and mode = ?2 and kind = ?3 and createdBy = ?4 and status <> ?5 and "
                            + (product == null ? "productCode is null" : "productCode = ?6") + " order by createdAt desc",
                    product == null ? new Object[]{sha256, mode, BatchJob.BATCH, by, BatchJob.FAILED}
                            : new Object[]{sha256, mode, BatchJob.BATCH, by, BatchJob.FAILED, product}).firstResultOptional());
            if (existing.isPresent()) return new Started(BatchView.of(existing.get()), true);
        }
        if (product != null && QuarkusTransaction.requiringNew().call(() -> Product.findByCode(product).isEmpty())) {
            throw ProblemException.badField("productCode", "no product " + product);
        }

        // read the whole file once before accepting it: its header, and that it has 1..maxRows rows
        BatchHeader header;
        int rows = 0;
        try (RowSource source = SourceFiles.open(upload.file(), detected.format(), detected.charset())) {
            RowSource.Row first = source.next();
            if (first == null) throw ProblemException.badField("file", "has no rows: the first row must be the header");
            header = BatchHeader.of(first);
            while (source.next() != null) {
                if (++rows > config.maxRows()) {
                    throw ProblemException.badField("file", "has more than " + config.maxRows() + " rows; split it");
                }
            }
        } catch (RowSource.BadFile e) {
            throw ProblemException.badField("file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows == 0) throw ProblemException.badField("file", "has a header but no rows");

        int total = rows;
        LocalDate evaluatedOn = asOfDate;
        BatchView view = QuarkusTransaction.requiringNew().call(() -> {
            admit(by);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            BatchJob job = new BatchJob();
            job.id = Ulid.next(now.toEpochMilli());
            job.kind = BatchJob.BATCH;
            job.status = BatchJob.QUEUED;
            job.mode = mode;
            job.productCode = product;
            job.label = label == null || label.isEmpty() ? null : label;
            job.asOfDate = evaluatedOn;
            job.fileName = cleanName(upload.fileName());
            job.fileFormat = detected.format();
            job.fileCharset = detected.charset();
            job.fileSha256 = sha256;
            job.fileBytes = bytes;
            job.columnsJson = header.toJson();
            job.total = total;
            job.createdBy = by;
            job.createdAt = now;
            job.persist();
            job.flush();
            store.storeFile(job.id, upload.file());
            return BatchView.of(job);
        });
        runner.wake();
        return new Started(view, false);
    }

    /** Refuses a new job with a 429 when the user, or everyone, has as many waiting or running as allowed. */
    public void admit(String by) {
        long mine = BatchJob.count("createdBy = ?1 and status in (?2, ?3, ?4)", by, BatchJob.QUEUED, BatchJob.RUNNING, BatchJob.APPLYING);
        if (mine >= config.maxQueuedPerUser()) {
            throw ProblemException.tooManyRequests("you have " + mine + " batch or re-rating jobs waiting or running, the most one "
                    + "user may have (" + config.maxQueuedPerUser() + "); ask again when one has finished", 30);
        }
        long all = BatchJob.count("status in (?1, ?2, ?3)", BatchJob.QUEUED, BatchJob.RUNNING, BatchJob.APPLYING);
        if (all >= config.maxQueued()) {
            throw ProblemException.tooManyRequests(all + " batch or re-rating jobs are waiting or running, the most the service "
                    + "queues (" + config.maxQueued() + "); ask again when one has finished", 30);
        }
    }

    /** The caller's batch jobs, newest first. */
    public List<BatchView> mine() {
        String by = user.name();
        return QuarkusTransaction.requiringNew().call(() -> BatchJob.<BatchJob>find("kind = ?1 and createdBy = ?2 order by createdAt desc",
                BatchJob.BATCH, by).page(0, 100).list().stream().map(BatchView::of).toList());
    }

    public BatchView get(String id) {
        return BatchView.of(QuarkusTransaction.requiringNew().call(() -> owned(id)));
    }

    /** The caller's batch {@code id}; another officer's is "not found". Call within a transaction. */
    BatchJob owned(String id) {
        String by = user.name();
        return BatchJob.<BatchJob>findByIdOptional(id)
                .filter(j -> BatchJob.BATCH.equals(j.kind) && j.createdBy.equals(by))
                .orElseThrow(() -> ProblemException.notFound("no batch " + id));
    }

    /** A page of a batch's rows, for the results download. */
    List<BatchRow> rows(String id, String status, int afterRow, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> BatchRow.page(id, status, afterRow, limit));
    }

    private static String cleanName(String name) {
        if (name == null) return null;
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "");
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

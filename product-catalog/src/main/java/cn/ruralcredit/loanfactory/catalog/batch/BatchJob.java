package cn.ruralcredit.loanfactory.catalog.batch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A batch rating of an uploaded file, or a re-rating of a product's current lines (V13_1__batches.sql). */
@Entity
@Table(name = "batch_job")
public class BatchJob extends PanacheEntityBase {
    public static final String BATCH = "BATCH";
    public static final String RERATING = "RERATING";
    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String APPLYING = "APPLYING";
    public static final String APPLIED = "APPLIED";
    public static final String MODE_PRODUCT = "PRODUCT";
    public static final String MODE_BEST_OFFER = "BEST_OFFER";

    @Id
    @Column(length = 26)
    public String id;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public String mode;
    @Column(name = "product_code")
    public String productCode;
    public String label;
    @Column(name = "as_of_date", nullable = false)
    public LocalDate asOfDate;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "file_format")
    public String fileFormat;
    @Column(name = "file_charset")
    public String fileCharset;
    @Column(name = "file_sha256")
    public String fileSha256;
    @Column(name = "file_bytes")
    public Long fileBytes;
    @Column(name = "columns_json", columnDefinition = "LONGTEXT")
    public String columnsJson;
    public Integer version;
    @Column(name = "rule_set_sha256")
    public String ruleSetSha256;
    @Column(name = "lpr_pct", precision = 6, scale = 2)
    public BigDecimal lprPct;
    @Column(name = "from_date")
    public LocalDate fromDate;
    @Column(name = "to_date")
    public LocalDate toDate;
    @Column(nullable = false)
    public int total;
    @Column(nullable = false)
    public int done;
    @Column(name = "failed_rows", nullable = false)
    public int failedRows;
    @Column(nullable = false)
    public int approved;
    @Column(nullable = false)
    public int declined;
    @Column(nullable = false)
    public int referred;
    @Column(name = "cursor_row", nullable = false)
    public int cursorRow;
    @Column(name = "run_millis", nullable = false)
    public long runMillis;
    public String owner;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    public String error;
    @Column(columnDefinition = "LONGTEXT")
    public String report;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "applied_by")
    public String appliedBy;
    @Column(name = "applied_at")
    public Instant appliedAt;

    public boolean finished() {
        return DONE.equals(status) || FAILED.equals(status) || APPLYING.equals(status) || APPLIED.equals(status);
    }

    /** Jobs {@code owner} may run now, oldest first: queued, its own running ones, and those of a silent owner. */
    public static List<BatchJob> runnable(String owner, Instant staleBefore) {
        return list("status = ?1 or (status in (?2, ?5) and (owner = ?3 or owner is null or heartbeatAt < ?4)) order by createdAt",
                QUEUED, RUNNING, owner, staleBefore, APPLYING);
    }
}

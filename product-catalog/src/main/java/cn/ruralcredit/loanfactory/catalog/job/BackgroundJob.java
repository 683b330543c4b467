package cn.ruralcredit.loanfactory.catalog.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A replay campaign or an impact simulation over stored decisions (V7__background_jobs.sql). */
@Entity
@Table(name = "background_job")
public class BackgroundJob extends PanacheEntityBase {
    public static final String REPLAY_CAMPAIGN = "REPLAY_CAMPAIGN";
    public static final String SIMULATION = "SIMULATION";
    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    @Id
    @Column(length = 26)
    public String id;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String status;
    @Column(name = "product_code", nullable = false)
    public String productCode;
    public Integer version;
    @Column(name = "rule_set_sha256")
    public String ruleSetSha256;
    @Column(name = "from_date", nullable = false)
    public LocalDate fromDate;
    @Column(name = "to_date", nullable = false)
    public LocalDate toDate;
    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;
    @Column(nullable = false)
    public int total;
    @Column(nullable = false)
    public int done;
    @Column(nullable = false)
    public int matched;
    @Column(nullable = false)
    public int mismatched;
    @Column(nullable = false)
    public int failed;
    @Column(name = "cursor_id")
    public String cursorId;
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

    public boolean finished() {
        return DONE.equals(status) || FAILED.equals(status);
    }

    /**
     * Jobs that {@code owner} may run now, oldest first: queued ones, its own running ones (left
     * by its previous run), and running ones whose owner stopped sending heartbeats.
     */
    public static List<BackgroundJob> runnable(String owner, Instant staleBefore) {
        return list("status = ?1 or (status = ?2 and (owner = ?3 or owner is null or heartbeatAt < ?4)) order by createdAt",
                QUEUED, RUNNING, owner, staleBefore);
    }

    /** The newest jobs of a kind, optionally of one product. */
    public static List<BackgroundJob> newest(String kind, String productCode, int limit) {
        return productCode == null
                ? find("kind = ?1 order by createdAt desc", kind).page(0, limit).list()
                : find("kind = ?1 and productCode = ?2 order by createdAt desc", kind, productCode).page(0, limit).list();
    }

    /** The newest simulation of a version of a product. */
    public static Optional<BackgroundJob> latestSimulation(String productCode, int version) {
        return find("kind = ?1 and productCode = ?2 and version = ?3 order by createdAt desc", SIMULATION, productCode,
                version).firstResultOptional();
    }

    /** The newest finished simulation of a version of a product on content {@code sha256}. */
    public static List<BackgroundJob> simulationsOf(String productCode, int version, String sha256) {
        return list("kind = ?1 and productCode = ?2 and version = ?3 and ruleSetSha256 = ?4 and status = ?5 "
                + "order by createdAt desc", SIMULATION, productCode, version, sha256, DONE);
    }
}

package cn.ruralcredit.loanfactory.catalog.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A stored decision: everything needed to show it again and to replay it. */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {
    @Id
    @Column(length = 26)
    public String id;
    /** The channel's idempotency key: unique per {@link #channel}. */
    @Column(name = "request_id", nullable = false, length = 64)
    public String requestId;
    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;
    @Column(name = "product_code", nullable = false)
    public String productCode;
    @Column(name = "rule_set_version", nullable = false)
    public int ruleSetVersion;
    @Column(name = "rule_set_sha256", nullable = false, length = 64)
    public String ruleSetSha256;
    @Column(name = "engine_version", nullable = false)
    public String engineVersion;
    @Column(name = "as_of_date", nullable = false)
    public LocalDate asOfDate;
    @Column(name = "lpr_pct", nullable = false, precision = 6, scale = 2)
    public BigDecimal lprPct;
    @Column(nullable = false)
    public String outcome;
    @Column(name = "credit_limit", nullable = false, precision = 19, scale = 2)
    public BigDecimal creditLimit;
    @Column(name = "annual_rate_pct", precision = 6, scale = 2)
    public BigDecimal annualRatePct;
    /** The authenticated channel that asked (its API key's channel), not the request body's free-text channel. */
    @Column(nullable = false, length = 32)
    public String channel;
    @Column(name = "request_json", nullable = false, columnDefinition = "LONGTEXT")
    public String requestJson;
    @Column(name = "response_json", nullable = false, columnDefinition = "LONGTEXT")
    public String responseJson;
    @Column(name = "fired_rules", nullable = false, columnDefinition = "LONGTEXT")
    public String firedRules;
    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
    /**
     * Hex sha256 of every column above, written with the decision (decision-service's RecordHash);
     * the sealer chains it into the tamper-evident log. Never rewritten through the entity.
     */
    @Column(name = "record_hash", length = 64, updatable = false)
    public String recordHash;

    /** The decision a channel already asked for with {@code requestId}, if any. */
    public static Optional<Decision> findByChannelAndRequestId(String channel, String requestId) {
        return find("channel = ?1 and requestId = ?2", channel, requestId).firstResultOptional();
    }
}

package cn.ruralcredit.loanfactory.catalog.version;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** One version (1, 2, 3… per product) of a product's rule set. */
@Entity
@Table(name = "rule_set_version")
public class RuleSetVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    public Product product;
    @Column(nullable = false)
    public int version;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false, length = 64)
    public String sha256;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(nullable = false)
    public String author;
    public String approver;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Version
    @Column(name = "lock_version", nullable = false)
    public long lockVersion;

    /**
     * Stores a version that is published from the start (seed products, tests): its files, the
     * sha256 recorded for them, and the date it is in force from.
     */
    public static RuleSetVersion storePublished(Product product, int number, String sha256, Map<String, String> files,
                                                LocalDate effectiveFrom, String publishedBy) {
        Instant now = Instant.now();
        RuleSetVersion version = new RuleSetVersion();
        version.product = product;
        version.version = number;
        version.status = RuleSetStatus.PUBLISHED.name();
        version.sha256 = sha256;
        version.effectiveFrom = effectiveFrom;
        version.author = publishedBy;
        version.approver = publishedBy;
        version.createdAt = now;
        version.updatedAt = now;
        version.publishedAt = now;
        version.persist();
        for (Map.Entry<String, String> f : files.entrySet()) {
            RuleSetFile file = new RuleSetFile();
            file.ruleSetVersion = version;
            file.path = f.getKey();
            file.content = f.getValue();
            file.persist();
        }
        return version;
    }

    /** The published version of a product in force on {@code date}: the latest effective one. */
    public static Optional<RuleSetVersion> inForce(Product product, LocalDate date) {
        return find("product = ?1 and status = ?2 and effectiveFrom <= ?3 order by effectiveFrom desc, version desc",
                product, RuleSetStatus.PUBLISHED.name(), date).firstResultOptional();
    }
}

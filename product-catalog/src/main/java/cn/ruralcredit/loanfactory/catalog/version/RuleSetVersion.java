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
    /** {@code PRODUCT:version} this version was copied from, if any. */
    @Column(name = "based_on")
    public String basedOn;
    public String note;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
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
        version.approvedAt = now;
        version.persist();
        product.lastVersion = Math.max(product.lastVersion, number);
        version.storeFiles(files);
        return version;
    }

    /** A new draft with {@code files}, persisted; its number comes from {@link Product#nextVersion()}. */
    public static RuleSetVersion storeDraft(Product product, int number, String sha256, Map<String, String> files,
                                            String author, String basedOn, String note) {
        Instant now = Instant.now();
        RuleSetVersion version = new RuleSetVersion();
        version.product = product;
        version.version = number;
        version.status = RuleSetStatus.DRAFT.name();
        version.sha256 = sha256;
        version.author = author;
        version.basedOn = basedOn;
        version.note = note;
        version.createdAt = now;
        version.updatedAt = now;
        version.persist();
        version.storeFiles(files);
        return version;
    }

    /** Replaces the files of this version. */
    public void replaceFiles(String sha256, Map<String, String> files) {
        RuleSetFile.delete("ruleSetVersion", this);
        getEntityManager().flush();
        storeFiles(files);
        this.sha256 = sha256;
        this.updatedAt = Instant.now();
    }

    private void storeFiles(Map<String, String> files) {
        for (Map.Entry<String, String> f : files.entrySet()) {
            RuleSetFile file = new RuleSetFile();
            file.ruleSetVersion = this;
            file.path = f.getKey();
            file.content = f.getValue();
            file.persist();
        }
    }

    public RuleSetStatus statusValue() {
        return RuleSetStatus.valueOf(status);
    }

    public static Optional<RuleSetVersion> find(Product product, int number) {
        return find("product = ?1 and version = ?2", product, number).firstResultOptional();
    }

    /**
     * A version of a product with content {@code sha256}, whatever its status now (a retired
     * version still replays): the one numbered {@code preferred} when it has that content.
     */
    public static Optional<RuleSetVersion> withContent(Product product, String sha256, int preferred) {
        return find("product = ?1 and sha256 = ?2 order by case when version = ?3 then 0 else 1 end, version",
                product, sha256, preferred).firstResultOptional();
    }

    /** All versions of a product, newest first. */
    public static java.util.List<RuleSetVersion> ofProduct(Product product) {
        return list("product = ?1 order by version desc", product);
    }

    /** The published versions of a product that take effect after {@code date}. */
    public static java.util.List<RuleSetVersion> publishedAfter(Product product, LocalDate date) {
        return list("product = ?1 and status = ?2 and effectiveFrom > ?3 order by effectiveFrom", product,
                RuleSetStatus.PUBLISHED.name(), date);
    }

    /** The published version of a product in force on {@code date}: the latest effective one. */
    public static Optional<RuleSetVersion> inForce(Product product, LocalDate date) {
        return find("product = ?1 and status = ?2 and effectiveFrom <= ?3 order by effectiveFrom desc, version desc",
                product, RuleSetStatus.PUBLISHED.name(), date).firstResultOptional();
    }
}

package cn.ruralcredit.loanfactory.catalog.product;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A loan product. Its rules live in {@code RuleSetVersion}s. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public static final String ACTIVE = "ACTIVE";

    @Column(nullable = false, unique = true, length = 32)
    public String code;
    @Column(name = "name_zh", nullable = false)
    public String nameZh;
    @Column(name = "name_en", nullable = false)
    public String nameEn;
    /** Comma-separated segment codes. */
    @Column(nullable = false)
    public String segments;
    public String description;
    @Column(nullable = false)
    public String status;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    /** The highest version number ever given to this product's rule sets; numbers are never reused. */
    @Column(name = "last_version", nullable = false)
    public int lastVersion;

    /** A new active product, persisted. */
    public static Product create(String code, String nameZh, String nameEn, List<String> segments, String description) {
        return create(code, nameZh, nameEn, segments, description, "seed");
    }

    /** A new active product created by {@code createdBy}, persisted. */
    public static Product create(String code, String nameZh, String nameEn, List<String> segments, String description,
                                 String createdBy) {
        Product product = new Product();
        product.code = code;
        product.nameZh = nameZh;
        product.nameEn = nameEn;
        product.segments = String.join(",", segments);
        product.description = description;
        product.status = ACTIVE;
        product.createdAt = Instant.now();
        product.createdBy = createdBy;
        product.persist();
        return product;
    }

    public List<String> segmentList() {
        return segments.isBlank() ? List.of() : Arrays.asList(segments.split(","));
    }

    public static Optional<Product> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** The product locked for update, so that version numbers are handed out one at a time. */
    public static Optional<Product> findByCodeForUpdate(String code) {
        return find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The next version number of this product's rule sets; call on a product locked for update. */
    public int nextVersion() {
        lastVersion = lastVersion + 1;
        return lastVersion;
    }
}

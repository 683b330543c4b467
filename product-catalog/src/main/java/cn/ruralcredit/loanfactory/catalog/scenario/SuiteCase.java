package cn.ruralcredit.loanfactory.catalog.scenario;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One case of a product's scenario suite, stored in the scenario file format of rule-tests. */
@Entity
@Table(name = "scenario")
public class SuiteCase extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    public Product product;
    @Column(nullable = false)
    public String name;
    /** The case as a scenario file: name, description, request, expected, firedRules. */
    @Column(name = "case_json", nullable = false, columnDefinition = "MEDIUMTEXT")
    public String caseJson;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Version
    @Column(name = "lock_version", nullable = false)
    public long lockVersion;

    public static SuiteCase create(Product product, String name, String caseJson, String by) {
        SuiteCase c = new SuiteCase();
        c.product = product;
        c.name = name;
        c.caseJson = caseJson;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.updatedBy = by;
        c.persist();
        return c;
    }

    /** The suite of a product, by name. */
    public static List<SuiteCase> of(Product product) {
        return list("product = ?1 order by name", product);
    }

    public static Optional<SuiteCase> find(Product product, String name) {
        return find("product = ?1 and name = ?2", product, name).firstResultOptional();
    }
}

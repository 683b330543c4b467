package cn.ruralcredit.loanfactory.catalog.version;

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

import java.time.Instant;
import java.util.List;

/**
 * One lifecycle event of a rule set version: who did what, when, with which comment. Keyed by
 * product and version number, so the history of a deleted draft is kept.
 */
@Entity
@Table(name = "version_event")
public class VersionEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    public Product product;
    @Column(nullable = false)
    public int version;
    @Column(nullable = false)
    public String event;
    @Column(nullable = false)
    public String actor;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    public String comment;
    /** JSON object with the event's particulars. */
    public String details;

    public static VersionEvent record(Product product, int version, String event, String actor, String comment,
                                      String details) {
        VersionEvent e = new VersionEvent();
        e.product = product;
        e.version = version;
        e.event = event;
        e.actor = actor;
        e.occurredAt = Instant.now();
        e.comment = comment;
        e.details = details;
        e.persist();
        return e;
    }

    /** The events of one version, oldest first. */
    public static List<VersionEvent> of(Product product, int version) {
        return list("product = ?1 and version = ?2 order by id", product, version);
    }

    /** The events of every version of a product, oldest first. */
    public static List<VersionEvent> of(Product product) {
        return list("product = ?1 order by id", product);
    }

    /** Whether {@code actor} recorded any of {@code events} on the version. */
    public static boolean hasActed(Product product, int version, String actor, List<String> events) {
        return count("product = ?1 and version = ?2 and actor = ?3 and event in ?4", product, version, actor, events) > 0;
    }
}

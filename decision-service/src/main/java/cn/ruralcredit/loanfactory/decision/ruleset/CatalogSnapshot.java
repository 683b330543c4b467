package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.market.LprSchedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What decisions read from the catalog, as one consistent read of the database at
 * {@link #generation}: the products, every published version with its effective date, and the
 * one-year LPR history. Immutable: a decision takes one snapshot and uses it throughout, so its
 * rule set version and LPR come from the same state of the catalog.
 */
public final class CatalogSnapshot {
    final long generation;
    /** The value of {@link CatalogCache}'s local change counter when this snapshot's read began. */
    final long localMark;
    private final Map<String, List<Published>> publishedByProduct;
    private final LprSchedule lpr;
    private final List<Published> approved;

    /** A published version; {@code published} of a product are ordered by effectiveFrom, then version, newest first. */
    public record Published(long id, int version, String sha256, LocalDate effectiveFrom) {
    }

    CatalogSnapshot(long generation, long localMark, Map<String, List<Published>> publishedByProduct, LprSchedule lpr,
                    List<Published> approved) {
        this.generation = generation;
        this.localMark = localMark;
        this.publishedByProduct = publishedByProduct;
        this.lpr = lpr;
        this.approved = approved;
    }

    /**
     * Versions approved and not yet published (never used for a decision): every node compiles them
     * ahead, so that a publish on any node is in force on this one without a compile in the way.
     */
    public List<Published> approved() {
        return approved;
    }

    public long generation() {
        return generation;
    }

    public boolean hasProduct(String code) {
        return publishedByProduct.containsKey(code);
    }

    /** The published version of {@code code} in force on {@code date}: the latest effective one. */
    public Optional<Published> inForce(String code, LocalDate date) {
        List<Published> published = publishedByProduct.get(code);
        if (published == null) return Optional.empty();
        for (Published p : published) {
            if (!p.effectiveFrom().isAfter(date)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Every product code of the catalog. */
    public java.util.Set<String> products() {
        return publishedByProduct.keySet();
    }

    /** The published versions of {@code code}, newest effective date first; empty for an unknown product. */
    public List<Published> published(String code) {
        return publishedByProduct.getOrDefault(code, List.of());
    }

    public LprSchedule lpr() {
        return lpr;
    }
}

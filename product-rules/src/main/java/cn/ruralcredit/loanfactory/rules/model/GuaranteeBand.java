package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * One guarantee band of a product: the limits in {@code (above, upTo]} (the no-guarantee band
 * starts at 0 inclusive; the last band has no top) and the guarantee types it accepts. The
 * no-guarantee band accepts no type and is always satisfied.
 */
public final class GuaranteeBand {
    private final BigDecimal above;
    private final BigDecimal upTo;
    private final List<GuaranteeType> acceptedTypes;

    private GuaranteeBand(BigDecimal above, BigDecimal upTo, List<GuaranteeType> acceptedTypes) {
        this.above = above;
        this.upTo = upTo;
        this.acceptedTypes = List.copyOf(acceptedTypes);
    }

    /** The no-guarantee (信用) band from 0 up to and including {@code upTo}. */
    public static GuaranteeBand noGuaranteeUpTo(String upTo) {
        return new GuaranteeBand(null, Amounts.of(upTo), List.of());
    }

    /** A product that never asks for a guarantee: one no-guarantee band without a top. */
    public static GuaranteeBand noGuaranteeAtAnyAmount() {
        return new GuaranteeBand(null, null, List.of());
    }

    /** Limits strictly above {@code above} up to and including {@code upTo}. */
    public static GuaranteeBand between(String above, String upTo, GuaranteeType... accepted) {
        return new GuaranteeBand(Amounts.of(above), Amounts.of(upTo), List.of(accepted));
    }

    /** Limits strictly above {@code above}, without a top. */
    public static GuaranteeBand above(String above, GuaranteeType... accepted) {
        return new GuaranteeBand(Amounts.of(above), null, List.of(accepted));
    }

    public BigDecimal getAbove() { return above; }
    public BigDecimal getUpTo() { return upTo; }
    public List<GuaranteeType> getAcceptedTypes() { return acceptedTypes; }

    public boolean isNoGuaranteeBand() { return acceptedTypes.isEmpty(); }

    public boolean covers(BigDecimal amount) {
        boolean aboveBottom = above == null ? amount.signum() >= 0 : amount.compareTo(above) > 0;
        return aboveBottom && (upTo == null || amount.compareTo(upTo) <= 0);
    }

    /** The no-guarantee band is always satisfied; any other band by one of its own types. */
    public boolean satisfiedBy(Collection<GuaranteeType> offered) {
        return isNoGuaranteeBand() || acceptedTypes.stream().anyMatch(offered::contains);
    }

    /**
     * The top of the highest band below {@code band} that {@code offered} satisfies: where a limit
     * in an unsatisfied band is cut to (PRODUCTS.md 1.5 step 3).
     */
    public static BigDecimal highestSatisfiedTopBelow(Collection<?> bands, GuaranteeBand band,
                                                      Collection<GuaranteeType> offered) {
        return bands.stream().map(GuaranteeBand.class::cast)
                .filter(b -> b.upTo != null && band.above != null && b.upTo.compareTo(band.above) <= 0)
                .filter(b -> b.satisfiedBy(offered))
                .map(GuaranteeBand::getUpTo)
                .max(BigDecimal::compareTo)
                .orElseThrow(() -> new IllegalStateException("the product declares no no-guarantee band below " + band.above));
    }

    /** The strongest offered type accepted by any of the product's bands, or null. */
    public static GuaranteeType strongestAccepted(Collection<?> bands, Collection<GuaranteeType> offered) {
        return GuaranteeType.strongest(offered.stream()
                .filter(t -> bands.stream().map(GuaranteeBand.class::cast).anyMatch(b -> b.acceptedTypes.contains(t)))
                .toList()).orElse(null);
    }
}

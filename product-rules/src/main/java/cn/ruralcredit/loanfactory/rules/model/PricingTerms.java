package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/** A product's floor spread over the LPR, in percentage points. */
public final class PricingTerms {
    private final BigDecimal floorSpreadPct;

    public PricingTerms(String floorSpreadPct) {
        this.floorSpreadPct = Amounts.of(floorSpreadPct);
    }

    public BigDecimal getFloorSpreadPct() { return floorSpreadPct; }
}

package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The annual rate: LPR plus the spread, rounded half-up to 2 decimals. */
public final class Price {
    private final BigDecimal spreadPct;
    private final BigDecimal annualRatePct;

    public Price(BigDecimal lprPct, BigDecimal spreadPct) {
        this.spreadPct = spreadPct;
        this.annualRatePct = lprPct.add(spreadPct).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal getSpreadPct() { return spreadPct; }
    public BigDecimal getAnnualRatePct() { return annualRatePct; }
}

package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/** The limit after the guarantee bands: what the decision grants (or proposes when referred). */
public final class GrantedLimit {
    private final BigDecimal amount;

    public GrantedLimit(BigDecimal amount) {
        this.amount = amount;
    }

    public BigDecimal getAmount() { return amount; }
}

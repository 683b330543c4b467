package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/** A product's minimum line: a smaller granted limit is declined (BELOW_MINIMUM_LINE). */
public final class LimitTerms {
    private final BigDecimal minLine;

    public LimitTerms(String minLine) {
        this.minLine = Amounts.of(minLine);
    }

    public BigDecimal getMinLine() { return minLine; }
}

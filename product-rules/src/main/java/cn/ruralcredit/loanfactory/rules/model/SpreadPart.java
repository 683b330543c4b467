package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.util.Collection;

/** One part of the spread over the LPR (base spread or one pricing adjustment), in percentage points. */
public final class SpreadPart {
    private final String label;
    private final BigDecimal pct;

    public SpreadPart(String label, String pct) {
        this.label = label;
        this.pct = Amounts.of(pct);
    }

    public String getLabel() { return label; }
    public BigDecimal getPct() { return pct; }

    public static BigDecimal total(Collection<?> parts) {
        return parts.stream().map(p -> ((SpreadPart) p).pct).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

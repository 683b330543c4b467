package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The limit before guarantees: min(cap, requested amount), rounded down to whole thousands. */
public final class ProposedLimit {
    private static final BigDecimal THOUSAND = new BigDecimal("1000");
    private final BigDecimal amount;

    public ProposedLimit(BigDecimal amount) {
        this.amount = amount;
    }

    public static ProposedLimit of(BigDecimal cap, BigDecimal requestedAmount) {
        BigDecimal limit = requestedAmount == null ? cap : cap.min(requestedAmount);
        return new ProposedLimit(roundDownToThousands(limit));
    }

    public static BigDecimal roundDownToThousands(BigDecimal amount) {
        if (amount.signum() <= 0) return BigDecimal.ZERO;
        return amount.divide(THOUSAND, 0, RoundingMode.DOWN).multiply(THOUSAND);
    }

    public BigDecimal getAmount() { return amount; }
}

package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.util.List;

/** The loan application. {@code requestedAmount} is null when no amount was requested. */
public final class Application {
    private final BigDecimal requestedAmount;
    private final int termMonths;
    private final Purpose purpose;
    private final List<GuaranteeType> offeredGuarantees;

    public Application(BigDecimal requestedAmount, int termMonths, Purpose purpose, List<GuaranteeType> offeredGuarantees) {
        this.requestedAmount = requestedAmount;
        this.termMonths = termMonths;
        this.purpose = purpose == null ? Purpose.OTHER : purpose;
        this.offeredGuarantees = offeredGuarantees == null ? List.of() : List.copyOf(offeredGuarantees);
    }

    public BigDecimal getRequestedAmount() { return requestedAmount; }
    public int getTermMonths() { return termMonths; }
    public Purpose getPurpose() { return purpose; }
    public List<GuaranteeType> getOfferedGuarantees() { return offeredGuarantees; }
}

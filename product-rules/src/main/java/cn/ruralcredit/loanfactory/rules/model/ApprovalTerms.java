package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/** A product's branch approval authority and the validity of the lines it grants. */
public final class ApprovalTerms {
    private final BigDecimal branchAuthority;
    private final int validityMonths;

    public ApprovalTerms(String branchAuthority, int validityMonths) {
        this.branchAuthority = Amounts.of(branchAuthority);
        this.validityMonths = validityMonths;
    }

    public BigDecimal getBranchAuthority() { return branchAuthority; }
    public int getValidityMonths() { return validityMonths; }
}

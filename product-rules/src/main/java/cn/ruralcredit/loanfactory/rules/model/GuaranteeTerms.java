package cn.ruralcredit.loanfactory.rules.model;

import java.util.List;

/** The guarantee part of the decision (API field {@code guarantee}). */
public final class GuaranteeTerms {
    public static final GuaranteeTerms NONE = new GuaranteeTerms(false, List.of(), null);

    private final boolean required;
    private final List<GuaranteeType> acceptableTypes;
    private final GuaranteeType securedBy;

    public GuaranteeTerms(boolean required, List<GuaranteeType> acceptableTypes, GuaranteeType securedBy) {
        this.required = required;
        this.acceptableTypes = List.copyOf(acceptableTypes);
        this.securedBy = securedBy;
    }

    public boolean isRequired() { return required; }
    public List<GuaranteeType> getAcceptableTypes() { return acceptableTypes; }
    public GuaranteeType getSecuredBy() { return securedBy; }
}

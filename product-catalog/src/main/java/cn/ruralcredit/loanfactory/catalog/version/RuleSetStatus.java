package cn.ruralcredit.loanfactory.catalog.version;

/** Lifecycle of a rule set version (API.md). */
public enum RuleSetStatus {
    DRAFT, IN_REVIEW, APPROVED, PUBLISHED, RETIRED, REJECTED
}

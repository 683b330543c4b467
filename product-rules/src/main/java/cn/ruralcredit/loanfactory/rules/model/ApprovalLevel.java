package cn.ruralcredit.loanfactory.rules.model;

/** Values of the decision API (API.md); names are part of the contract. */
public enum ApprovalLevel {
    BRANCH, UNION_COMMITTEE
}

package cn.ruralcredit.loanfactory.rules.model;

/** Values of the decision API (API.md); names are part of the contract. */
public enum AdminRank {
    NONE, STAFF, DEPUTY_SECTION, SECTION, DEPUTY_DIVISION, DIVISION_OR_ABOVE
}

package cn.ruralcredit.loanfactory.rules.model;

/** Values of the decision API (API.md); names are part of the contract. */
public enum Purpose {
    PRODUCTION, BUSINESS, CONSUMPTION, HOUSING, EDUCATION, OTHER
}

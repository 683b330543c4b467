package cn.ruralcredit.loanfactory.rules.model;

/** Values of the decision API (API.md); names are part of the contract. */
public enum Segment {
    FARMER, AGRI_ENTITY, MERCHANT, SMALL_ENTERPRISE, SALARIED_PUBLIC, SALARIED_SOE, RESIDENT, MIGRANT_WORKER, NEW_CITIZEN
}

package cn.ruralcredit.loanfactory.decision.version;

/** The events recorded in a version's history. */
public enum LifecycleEvent {
    CREATED, EDITED, VALIDATED, TESTED, SUBMITTED, APPROVED, REJECTED, PUBLISHED, RETIRED, DELETED
}

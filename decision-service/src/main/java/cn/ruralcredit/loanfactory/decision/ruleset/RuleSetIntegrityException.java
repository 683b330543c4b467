package cn.ruralcredit.loanfactory.decision.ruleset;

/** A stored rule set's content no longer matches the sha256 recorded when it was published. */
public class RuleSetIntegrityException extends RuntimeException {
    public RuleSetIntegrityException(String message) {
        super(message);
    }
}

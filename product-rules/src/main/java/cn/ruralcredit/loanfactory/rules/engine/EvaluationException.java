package cn.ruralcredit.loanfactory.rules.engine;

import java.util.Objects;

/**
 * The rules did not produce exactly one outcome, fired too often, ran too long, or failed. The
 * decision fails closed: no default approval is ever made in its place.
 *
 * <p>{@link #kind()} says which of these happened, so callers can tell a rule set that loops or
 * hits the time cap from one that is merely incomplete. Exceptions made with the constructors
 * that take no kind are {@link Kind#UNSPECIFIED}.
 */
public class EvaluationException extends RuntimeException {

    /** Why an evaluation failed closed. */
    public enum Kind {
        /** More rule firings than the engine's firing cap: the rule set is looping. */
        FIRING_CAP,
        /**
         * The evaluation ran past the engine's time cap: seen before a firing, or, when one condition or
         * consequence runs on past it, by the caller, who stops waiting at the cap.
         */
        TIME_CAP,
        /** Every rule thread is taken (by evaluations under way or stuck past their cap): none could start. */
        NO_RULE_THREAD,
        /** The rules set no outcome, or more than one. */
        OUTCOME_COUNT,
        /** The rules set an outcome but no line validity ({@code validityMonths}). */
        MISSING_VALIDITY,
        /** A rule (condition or consequence) threw during evaluation; the cause is attached. */
        RULE_ERROR,
        /** Made without a kind (the message and cause only). */
        UNSPECIFIED
    }

    private final Kind kind;

    public EvaluationException(String message) {
        this(Kind.UNSPECIFIED, message);
    }

    public EvaluationException(String message, Throwable cause) {
        this(Kind.UNSPECIFIED, message, cause);
    }

    public EvaluationException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public EvaluationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}

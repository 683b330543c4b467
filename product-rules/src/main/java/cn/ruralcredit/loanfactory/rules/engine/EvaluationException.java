package cn.ruralcredit.loanfactory.rules.engine;

/**
 * The rules did not produce exactly one outcome, fired too often, or failed. The decision fails
 * closed: no default approval is ever made in its place.
 */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}

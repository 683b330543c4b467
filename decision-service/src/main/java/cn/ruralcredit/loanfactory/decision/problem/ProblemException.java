package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.rules.request.FieldError;

import java.util.List;

/**
 * A failure with an HTTP status and a message fit for the client (RFC 9457 title and detail),
 * and, where the client can act on them one by one, the fields or items at fault.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    public int status() { return status; }
    public String title() { return title; }
    /** The fields or items at fault, or null. */
    public List<FieldError> errors() { return errors; }
    /** Seconds after which the client may try again ({@code Retry-After}), or null. */
    public Long retryAfterSeconds() { return retryAfterSeconds; }

    /** A 429: the caller has asked for too much; {@code Retry-After} says when to try again. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        ProblemException e = new ProblemException(429, "Too Many Requests", detail);
        e.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return e;
    }

    /** A 400 naming the one field at fault. */
    public static ProblemException badField(String field, String message) {
        return new ProblemException(400, "Bad Request", "the request has invalid fields",
                List.of(new FieldError(field, message)));
    }


    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    /** A 422 listing what stands in the way, e.g. compile problems or failing scenarios. */
    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(422, "Unprocessable Content", detail, errors);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail);
    }

    /**
     * A 503 for a failure of the store ({@code cause}, logged with a reference, never shown): the
     * client may retry the same request.
     */
    public static ProblemException storeUnavailable(String detail, Throwable cause) {
        ProblemException e = new ProblemException(503, "Service Unavailable", detail);
        e.initCause(cause);
        return e;
    }
}

package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.rules.request.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** RFC 9457 problem details; {@code errors} names each invalid field of a 400. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /**
     * Seconds a client should wait before it retries after a 503: the service retries its
     * database connections at every request, so one second is enough to see a database back.
     */
    public static final int RETRY_AFTER_SECONDS = 1;

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return builder(status, title, detail, errors).build();
    }

    /** A problem response still open for headers; a 503 says when to retry ({@code Retry-After}). */
    public static Response.ResponseBuilder builder(int status, String title, String detail, List<FieldError> errors) {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors));
        return status == 503 ? response.header("Retry-After", RETRY_AFTER_SECONDS) : response;
    }
}

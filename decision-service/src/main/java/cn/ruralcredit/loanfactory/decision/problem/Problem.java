package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.rules.request.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** RFC 9457 problem details; {@code errors} names each invalid field of a 400. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return builder(status, title, detail, errors).build();
    }

    /** A problem response still open for headers. */
    public static Response.ResponseBuilder builder(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem("about:blank", title, status, detail, errors));
    }
}

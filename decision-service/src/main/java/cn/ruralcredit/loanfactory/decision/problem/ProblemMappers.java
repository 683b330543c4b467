package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetIntegrityException;
import cn.ruralcredit.loanfactory.decision.ruleset.StaffWorkLimit;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompilationException;
import cn.ruralcredit.loanfactory.rules.compile.RuleRefusedException;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import cn.ruralcredit.loanfactory.rules.worker.WorkerFailedException;
import cn.ruralcredit.loanfactory.rules.worker.WorkersBusyException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Maps failures to problem details. No stack trace, exception class or internal message ever
 * reaches a client: faults are logged here with a reference the client can quote.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.response(400, "Bad Request", "the request has invalid fields", e.errors());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        String detail = e.getMessage();
        if (e.getCause() != null) {
            String ref = reference();
            LOG.errorf(e.getCause(), "%s [%s]", e.getMessage(), ref);
            detail = detail + " (ref " + ref + ")";
        }
        Response.ResponseBuilder response = Problem.builder(e.status(), e.title(), detail, e.errors());
        if (e.retryAfterSeconds() != null) response.header("Retry-After", e.retryAfterSeconds());
        return response.build();
    }

    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e) {
        String reason = switch (e.kind()) {
            case FIRING_CAP -> "the rule set fired more rules than a decision may (it loops)";
            case TIME_CAP -> "the rule set ran longer than a decision may";
            default -> "the rule set could not produce a decision";
        };
        return failedClosed(e, "decision failed closed (" + e.kind() + ")", reason);
    }

    /** A rule worker died or overran while checking or running a rule set nobody has reviewed: that content fails closed. */
    @ServerExceptionMapper
    public Response workerFailed(WorkerFailedException e) {
        String ref = reference();
        LOG.warnf("rule worker failed [%s]: %s", ref, e.getMessage());
        return Problem.response(422, "Unprocessable Content", "the rule set could not be checked or run: " + e.getMessage()
                + " (ref " + ref + ")", null);
    }

    /** Every rule worker is busy: staff work waits its turn, and is told to come back rather than queued without end. */
    @ServerExceptionMapper
    public Response workersBusy(WorkersBusyException e) {
        return Problem.response(503, "Service Unavailable", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response tooMuchWork(StaffWorkLimit.TooMuchWork e) {
        return Response.fromResponse(Problem.response(429, "Too Many Requests", e.getMessage(), null))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response ruleSetRefused(RuleRefusedException e) {
        return failedClosed(e, "rule set in force refused by the rule guard", "the rule set in force was refused by the rule guard");
    }

    @ServerExceptionMapper
    public Response ruleSetBroken(RuleCompilationException e) {
        return failedClosed(e, "rule set in force does not compile", "the rule set in force could not be compiled");
    }

    @ServerExceptionMapper
    public Response ruleSetAltered(RuleSetIntegrityException e) {
        return failedClosed(e, "rule set in force was altered after publication",
                "the rule set in force failed its integrity check");
    }

    /** A decision the rules could not make: logged loudly with a reference, a 500 to the client, never an approval. */
    private static Response failedClosed(RuntimeException e, String logSummary, String clientReason) {
        String ref = reference();
        LOG.errorf(e, "%s [%s]: %s", logSummary, ref, e.getMessage());
        return Problem.response(500, "Decision Failed",
                clientReason + "; nothing was approved or stored (ref " + ref + ")", null);
    }

    /** A body that is not JSON, or a field of the wrong JSON type: a 400 naming the field. */
    @ServerExceptionMapper
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        String field = "body";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                else path.append('[').append(ref.getIndex()).append(']');
            }
            field = path.toString();
        }
        String message = e instanceof com.fasterxml.jackson.core.JsonParseException
                ? "is not well-formed JSON" : "has the wrong type or format";
        return Problem.response(400, "Bad Request", "the request has invalid fields",
                java.util.List.of(new cn.ruralcredit.loanfactory.rules.request.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && Causes.any(e, JsonProcessingException.class::isInstance)) {
            return Problem.response(400, "Bad Request", "the request has invalid fields",
                    List.of(new FieldError("$", "malformed JSON")));
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        // a wrapped cause's message names Java classes: the client gets the reason phrase instead
        return Problem.response(status, reason, e.getCause() == null ? e.getMessage() : reason, null);
    }

    /** A JSON body bound to a record whose field has the wrong type or format (a date that is not a date). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return Problem.response(400, "Bad Request", "the request has invalid fields",
                List.of(new FieldError(fieldOf(e), expected(e.getTargetType()))));
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
            if (r.getIndex() >= 0) field.append('[').append(r.getIndex()).append(']');
        }
        return field.isEmpty() ? "$" : field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "has the wrong type";
        if (type == LocalDate.class) return "must be a date (yyyy-MM-dd)";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "must be a number";
        if (type == Boolean.class || type == boolean.class) return "must be true or false";
        if (type == String.class) return "must be a string";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "must be an array";
        return "has the wrong type";
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isConcurrentChange(e)) {
            return Problem.response(409, "Conflict",
                    "someone else changed this record at the same time; reload it and apply your change again", null);
        }
        String ref = reference();
        if (Causes.isStoreUnavailable(e)) {
            LOG.errorf(e, "database unavailable [%s]", ref);
            return Problem.response(503, "Service Unavailable",
                    "the decision store is unavailable; no decision was made (ref " + ref + ")", null);
        }
        LOG.errorf(e, "unexpected failure [%s]", ref);
        return Problem.response(500, "Internal Server Error", "an unexpected error occurred (ref " + ref + ")", null);
    }

    /** An optimistic lock that lost: another user's change was committed first. */
    static boolean isConcurrentChange(Throwable e) {
        return Causes.any(e, t -> t instanceof jakarta.persistence.OptimisticLockException
                || t instanceof org.hibernate.StaleStateException);
    }

    private static String reference() {
        return Long.toString(System.nanoTime() ^ Thread.currentThread().getId(), 36);
    }
}

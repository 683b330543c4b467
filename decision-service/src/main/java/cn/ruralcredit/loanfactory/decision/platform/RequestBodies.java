package cn.ruralcredit.loanfactory.decision.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Reads every API request body completely, on the event loop, before the request goes on to
 * authentication and the resource. Quarkus REST reads the body of a blocking endpoint on the
 * worker thread that runs it, a blocking read with no deadline: a few hundred clients sending a
 * body a byte at a time held every worker, and decisions of other channels waited (issue 14).
 * Here a body costs no thread while it arrives; it must arrive whole within
 * {@code loanfactory.http.body-timeout} (else 408) and stay within its size limit (else 413),
 * and Quarkus REST then reads it from memory ({@code RoutingContext.getBody()}). A client that
 * gives up half-way is logged in one line.
 */
@ApplicationScoped
public class RequestBodies {
    private static final Logger LOG = Logger.getLogger(RequestBodies.class);
    /** After Quarkus' own upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2), before everything else. */
    private static final int ROUTE_ORDER = -1;

    @Inject
    HttpLimitsConfig limits;

    void install(@Observes Router router) {
        router.route("/api/*").order(ROUTE_ORDER).handler(this::read);
    }

    private void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if (request.isEnded() || ctx.getBody() != null
                || !(HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method))) {
            ctx.next();
            return;
        }
        if (isUpload(ctx.normalizedPath())) {
            // a batch file (up to 100 MiB) is not read into memory: Quarkus REST streams the multipart
            // upload to a temporary file, within quarkus.http.limits.max-body-size. Nobody without
            // credentials gets that far: 100 MiB to disk is not offered to anonymous callers
            if (!carriesCredentials(request)) {
                refuse(ctx, 401, "Unauthorized", "a batch upload needs a staff session or staff credentials");
                return;
            }
            ctx.next();
            return;
        }
        long limit = limitFor(ctx.normalizedPath());
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLong(declared, limit)) {
            tooLarge(ctx, limit);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) ctx.response().writeContinue();
        Buffer body = Buffer.buffer();
        long timer = ctx.vertx().setTimer(limits.bodyTimeout().toMillis(), id -> {
            if (ctx.response().ended()) return;
            LOG.infof("request body not complete within %s, %d bytes received: %s %s from %s; closing",
                    limits.bodyTimeout(), body.length(), method, ctx.normalizedPath(), remote(request));
            refuse(ctx, 408, "Request Timeout", "the request body did not arrive within " + seconds() + " seconds");
        });
        request.handler(chunk -> {
            if (ctx.response().ended()) return;
            if ((long) body.length() + chunk.length() > limit) {
                ctx.vertx().cancelTimer(timer);
                tooLarge(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            ctx.vertx().cancelTimer(timer);
            if (!ctx.response().ended()) {
                LOG.infof("request body aborted by the client after %d bytes: %s %s from %s (%s)", body.length(), method,
                        ctx.normalizedPath(), remote(request), e.getClass().getSimpleName());
            }
        });
        request.endHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            if (ctx.response().ended()) return;
            ctx.setBody(body);
            ctx.next();
        });
        request.resume();
    }

    /** Credentials of some kind (checked later, by the authentication mechanisms): a session cookie or a header. */
    static boolean carriesCredentials(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) return true;
        String cookies = request.getHeader(HttpHeaders.COOKIE);
        if (cookies == null) return false;
        for (String cookie : cookies.split(";")) {
            if (cookie.strip().startsWith("lf_session=")) return true;
        }
        return false;
    }

    /** The multipart file uploads of batch ratings (issue 13). */
    static boolean isUpload(String path) {
        return "/api/v1/batches".equals(path) || "/api/v1/batches/".equals(path);
    }

    /** Bodies of one decision request: the channel's, and staff's trials of one (package trial). */
    private static final java.util.Set<String> DECISION_PATHS = java.util.Set.of(
            "/api/v1/decisions", "/api/v1/offers", "/api/v1/trials/decisions", "/api/v1/trials/offers");

    private long limitFor(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean decision = DECISION_PATHS.contains(p);
        return (decision ? limits.decisionBodyLimit() : limits.bodyLimit()).asLongValue();
    }

    private static boolean tooLong(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length before this runs
        }
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        refuse(ctx, 413, "Content Too Large", "the request body is larger than " + limit + " bytes, the most this operation accepts");
    }

    /** A problem response, then the connection closed: the rest of the body is not worth reading. */
    private static void refuse(RoutingContext ctx, int status, String title, String detail) {
        String problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("errors", new JsonArray().add(new JsonObject().put("field", "$").put("message", detail)))
                .encode();
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem)
                .onComplete(done -> ctx.request().connection().close());
    }

    private long seconds() {
        return Math.max(1, limits.bodyTimeout().toSeconds());
    }

    private static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    }
}

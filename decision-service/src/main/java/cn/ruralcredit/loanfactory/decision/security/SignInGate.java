package cn.ruralcredit.loanfactory.decision.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Refuses a Basic sign-in of a locked username or from a locked address ({@link SignInLimits})
 * with a 429 and {@code Retry-After}, on the event loop, before any bcrypt runs.
 */
@ApplicationScoped
public class SignInGate {
    /** After the body limits (-1) and before everything else. */
    private static final int ROUTE_ORDER = 0;

    @Inject
    SignInLimits limits;

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String username = basicUsername(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (username == null) {
            ctx.next();
            return;
        }
        long wait = limits.lockedFor(username, address(ctx));
        if (wait == 0) {
            ctx.next();
            return;
        }
        String detail = StaffLogin.Locked.detail(wait);
        ctx.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", Long.toString(wait))
                .end(new JsonObject().put("type", "about:blank").put("title", "Too Many Requests").put("status", 429)
                        .put("detail", detail).encode());
    }

    /** The client's address as this server sees it (a proxy's, unless Quarkus is told to trust forwarding headers). */
    public static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    static String basicUsername(String authorization) {
        if (authorization == null || authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

package cn.ruralcredit.loanfactory.decision.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What the browser workspace's session needs on the event loop, before authentication:
 * <ul>
 * <li><b>CSRF</b>: an unsafe request (POST, PUT, PATCH, DELETE) that carries the session cookie
 * must carry {@value #CSRF_HEADER} equal to the session's CSRF token
 * ({@link StaffSessions#csrfToken}, derived from the cookie, so no table is read), and must not
 * come from another origin ({@code Origin} present and not this service's). The sign-in
 * ({@code POST /api/v1/session}) has no session yet: it is checked for its origin only, cookie
 * or not. Refusals are 403 problems.</li>
 * <li><b>No Basic pop-up</b>: a 401 to a request with {@code X-Requested-With: loanfactory-admin}
 * (the workspace sends it on every call) has no {@code WWW-Authenticate}, so that the browser
 * does not offer its own sign-in dialog.</li>
 * </ul>
 */
@ApplicationScoped
public class SessionRoutes {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String REQUESTED_WITH = "X-Requested-With";
    public static final String WORKSPACE = "loanfactory-admin";
    static final String SIGN_IN_PATH = "/api/v1/session";
    /** After the body is read (RequestBodies, -1) and the Basic sign-in gate (0). */
    private static final int ROUTE_ORDER = 1;

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (WORKSPACE.equals(request.getHeader(REQUESTED_WITH))) {
            ctx.addHeadersEndHandler(v -> {
                if (ctx.response().getStatusCode() == 401) ctx.response().headers().remove("WWW-Authenticate");
            });
        }
        if (!unsafe(request.method())) {
            ctx.next();
            return;
        }
        String path = ctx.normalizedPath();
        boolean signIn = SIGN_IN_PATH.equals(path) || (SIGN_IN_PATH + "/").equals(path);
        signIn = signIn && HttpMethod.POST.equals(request.method());
        Cookie cookie = request.getCookie(StaffSessions.COOKIE);
        boolean session = cookie != null && cookie.getValue() != null && !cookie.getValue().isEmpty();
        if (!session && !signIn) {
            ctx.next();
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String own = ownOrigin(request);
        if (origin != null && !origin.equalsIgnoreCase(own)) {
            forbidden(ctx, "this request comes from another origin (" + origin + ", not " + own
                    + "): the staff workspace accepts changes from its own pages only");
            return;
        }
        if (signIn) {
            ctx.next();
            return;
        }
        String sent = request.getHeader(CSRF_HEADER);
        String expected = StaffSessions.csrfToken(cookie.getValue());
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            forbidden(ctx, (sent == null ? "the " + CSRF_HEADER + " header is missing" : "the " + CSRF_HEADER + " header is not this session's")
                    + ": a change made with the staff session cookie must send the csrfToken of GET /api/v1/session in " + CSRF_HEADER);
            return;
        }
        ctx.next();
    }

    private static boolean unsafe(HttpMethod method) {
        return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method)
                || HttpMethod.DELETE.equals(method);
    }

    /** scheme://host[:port] of this request, as the browser names the page's origin. */
    static String ownOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) return null;
        String scheme = request.scheme() == null ? "http" : request.scheme();
        int port = authority.port();
        boolean defaultPort = port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + authority.host() + (defaultPort ? "" : ":" + port);
    }

    private static void forbidden(RoutingContext ctx, String detail) {
        ctx.response().setStatusCode(403)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", "Forbidden").put("status", 403)
                        .put("detail", detail).encode());
    }
}

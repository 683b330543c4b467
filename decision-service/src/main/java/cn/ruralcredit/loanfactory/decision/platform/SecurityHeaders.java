package cn.ruralcredit.loanfactory.decision.platform;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response, errors included (README, Security): no content sniffing,
 * no framing, no referrer, and a Content-Security-Policy: nothing at all for the API's JSON and
 * files, the service's own scripts and styles for Swagger UI. API responses are never stored by
 * a browser or proxy ({@code Cache-Control: no-store}): decisions, exports, searches, replays and
 * the personal-data log carry names, ID numbers and phones, and an API answer that does not is
 * not worth caching either. HSTS is sent on TLS connections; with TLS ended at a proxy, the proxy
 * sends it (README).
 */
@ApplicationScoped
public class SecurityHeaders {
    /** Before Quarkus' upload limit (-2), so that its 413 gets the headers too. */
    private static final int ROUTE_ORDER = -3;
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** Swagger UI's page starts itself with an inline script and styles; everything else comes from the service. */
    static final String UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
    /**
     * The workspace at /admin: scripts only from the service's own bundle (no inline script, no eval);
     * inline styles because the editor (CodeMirror) writes its theme into a style element.
     */
    static final String ADMIN_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'";

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::add);
    }

    private void add(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean ui = path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui");
        boolean admin = path.equals("/admin") || path.startsWith("/admin/");
        boolean api = path.startsWith("/api/");
        boolean tls = ctx.request().isSSL();
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", admin ? ADMIN_POLICY : ui ? UI_POLICY : API_POLICY);
            }
            if (api) headers.set("Cache-Control", "no-store");
            // the page itself is always asked for again (a new build is seen at once); its bundle
            // files carry a content hash in their names, so they may be kept
            if (admin) headers.set("Cache-Control", path.startsWith("/admin/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
            if (tls) headers.set("Strict-Transport-Security", "max-age=31536000");
        });
        ctx.next();
    }
}

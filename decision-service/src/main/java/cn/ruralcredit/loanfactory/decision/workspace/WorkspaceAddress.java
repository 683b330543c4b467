package cn.ruralcredit.loanfactory.decision.workspace;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The browser workspace (module {@code admin-ui}) is static files under {@code /admin/}, served
 * from the admin-ui jar; its pages are hash routes, so the server knows no page paths. Someone who
 * types {@code /admin} gets sent to {@code /admin/}.
 */
@ApplicationScoped
public class WorkspaceAddress {
    void install(@Observes Router router) {
        // Vert.x matches a route's path with or without a trailing slash: without this check
        // /admin/ itself would be redirected to /admin/ again and again.
        router.route("/admin").handler(ctx -> {
            if (ctx.request().path().equals("/admin")) ctx.redirect("/admin/");
            else ctx.next();
        });
    }
}

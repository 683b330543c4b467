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
        // Vert.x matches "/admin" to "/admin/" as well: only the path without the slash is sent on
        router.route("/admin").handler(ctx -> {
            if ("/admin".equals(ctx.request().path())) ctx.redirect("/admin/");
            else ctx.next();
        });
    }
}

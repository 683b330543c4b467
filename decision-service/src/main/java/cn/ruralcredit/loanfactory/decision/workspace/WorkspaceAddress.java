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
        // Vert.x matches "/admin" to "/admin/" too: only the address without the slash is redirected
        // (redirecting both sent the browser round in circles)
        router.route("/admin").handler(ctx -> {
            if (ctx.request().path().equals("/admin")) ctx.redirect("/admin/");
            else ctx.next();
        });
    }
}

package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * With OIDC's authorization-code flow on (README, "Staff sessions"), the workspace's own fetch
 * calls ({@code X-Requested-With: loanfactory-admin}) are not redirected to the provider: with
 * {@code quarkus.oidc.authentication.java-script-auto-redirect=false} they get 499 and the page
 * sends the browser to the sign-in itself.
 */
@ApplicationScoped
public class WorkspaceRequests implements JavaScriptRequestChecker {
    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return SessionRoutes.WORKSPACE.equals(context.request().getHeader(SessionRoutes.REQUESTED_WITH));
    }
}

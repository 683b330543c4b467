package cn.ruralcredit.loanfactory.decision.session;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How staff may sign in to the workspace, as configured. */
public record SignInOptions(
        @Schema(description = "username and password (POST /api/v1/session) against the service's own user store") boolean password,
        @Schema(description = "through the OIDC provider (authorization-code flow)") boolean oidc,
        @Schema(description = "where the browser goes to sign in through the provider; null without OIDC",
                example = "/api/v1/session/oidc", nullable = true) String oidcSignInPath) {
}

package cn.ruralcredit.loanfactory.decision.session;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff user's password sign-in to the browser workspace. */
public record SignInRequest(
        @Schema(required = true, example = "manager") String username,
        @Schema(required = true, example = "demo-manager") String password) {
}

package cn.ruralcredit.loanfactory.decision.session;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The signed-in staff user of a session, and what the workspace needs to call the API with it. */
public record SessionView(
        @Schema(example = "manager") String username,
        @Schema(description = "staff roles, read from the user store at every request", example = "[\"PRODUCT_MANAGER\"]") List<String> roles,
        @Schema(description = "send it in X-CSRF-Token with every POST, PUT, PATCH and DELETE") String csrfToken,
        @Schema(description = "the session ends after this many seconds without a request", example = "1800") long idleTimeoutSeconds) {
}

package cn.ruralcredit.loanfactory.decision.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A staff user to create. */
public record NewUser(
        @Schema(required = true, pattern = "[a-z][a-z0-9._-]{2,63}") String username,
        @Schema(required = true, minLength = 12, description = "at least 12 characters other than spaces, at most 72 bytes (UTF-8), no control characters; "
                + "stored only as a bcrypt hash")
        String password,
        @Schema(required = true, description = "one or more of PRODUCT_MANAGER, APPROVER, AUDITOR, ADMIN, CREDIT_OFFICER") List<String> roles) {
}

package cn.ruralcredit.loanfactory.decision.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The new roles of a staff user: they replace the old ones. */
public record RolesChange(
        @Schema(required = true, description = "one or more of PRODUCT_MANAGER, APPROVER, AUDITOR, ADMIN, CREDIT_OFFICER") List<String> roles) {
}

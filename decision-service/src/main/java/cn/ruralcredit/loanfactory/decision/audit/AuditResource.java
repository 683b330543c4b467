package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** Verification of the tamper-evident decision log, for auditors. */
@Path("/api/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The tamper-evident decision log")
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A role that may not do this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    @Inject
    LogVerifier verifier;

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Verify the decision log",
            description = "Seals the decisions not sealed yet, then checks the sealed log in sequence order: every "
                    + "record present, unchanged and chained to the one before it, every batch under a valid seal that "
                    + "continues the previous one. Names the first broken record. Without from and to the whole log is "
                    + "checked; with them, the whole batches whose decisions were decided on those days.")
    @APIResponse(responseCode = "200", description = "The report: intact or the first broken record")
    @APIResponse(responseCode = "400", description = "A date that is not yyyy-MM-dd, or from after to; errors names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationReport verify(
            @Parameter(description = "First day (decidedAt in Asia/Shanghai), yyyy-MM-dd", example = "2026-03-01")
            @QueryParam("from") String from,
            @Parameter(description = "Last day, inclusive, yyyy-MM-dd", example = "2026-03-31")
            @QueryParam("to") String to) {
        FieldErrors errors = new FieldErrors();
        QueryParams.DateRange days = QueryParams.DateRange.parse(from, to, errors);
        errors.throwIfAny();
        return verifier.verify(days);
    }
}

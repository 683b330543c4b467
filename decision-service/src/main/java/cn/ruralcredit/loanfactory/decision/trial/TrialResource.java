package cn.ruralcredit.loanfactory.decision.trial;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Staff try a decision or the offers for an applicant (the workspace's "试算" pages): evaluated
 * exactly as for a channel, stored nowhere. Channel apps have no access: their decisions are
 * always recorded.
 */
@Path("/api/v1/trials")
@Tag(name = "Trials", description = "Staff evaluate a request without storing anything")
@RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
public class TrialResource {
    @Inject
    TrialService service;

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Try a decision without storing it",
            description = "The body of POST /api/v1/decisions (requestId optional). The answer is the decision a channel "
                    + "would get from the version in force on asOfDate, without decisionId, with \"stored\": false and the "
                    + "fired rules also grouped by stage (firedRulesByStage). Nothing is stored or logged as a decision.")
    @APIResponse(responseCode = "200", description = "The decision, not stored")
    @APIResponse(responseCode = "400", description = "Invalid request; errors names each bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown productCode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No version or no LPR in force on asOfDate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode decide(String body) {
        return service.decide(body);
    }

    @POST
    @Path("/offers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Try the offers (一选多) for an applicant",
            description = "The body of POST /api/v1/offers; the same ranked offers, with \"stored\": false.")
    @APIResponse(responseCode = "200", description = "The offers, best first")
    @APIResponse(responseCode = "400", description = "Invalid request; errors names each bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No LPR in force on asOfDate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode offers(String body) {
        return service.offers(body);
    }
}

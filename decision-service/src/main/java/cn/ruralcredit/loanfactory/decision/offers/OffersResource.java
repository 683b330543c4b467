package cn.ruralcredit.loanfactory.decision.offers;

import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
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

/** Product matching for channel apps (一选多, API.md). */
@Path("/api/v1/offers")
@Tag(name = "Offers", description = "One applicant matched against every published product")
public class OffersResource {

    @Inject
    OffersService service;

    @POST
    @RolesAllowed(Roles.CHANNEL)
    @SecurityRequirement(name = OpenApiSecurity.CHANNEL_KEY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Match an applicant with every product",
            description = "The decision request without productCode (requestId optional). Returns one offer per product "
                    + "whose segments include the applicant's and that did not decline, ranked by creditLimit descending, "
                    + "then annualRatePct ascending. Offers are not stored as decisions.")
    @APIResponse(responseCode = "200", description = "The offers, best first (possibly none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OffersResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors names each bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No channel key, or an unknown or revoked one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a channel app",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No LPR in force on asOfDate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String offers(String body) {
        return ApiJson.write(service.offers(body));
    }
}

package cn.ruralcredit.loanfactory.decision.market;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/** Market rates (the one-year LPR): read by every staff role, added by admins. */
@Path("/api/v1/market-rates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Market rates", description = "The LPR history decisions are priced from")
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A role that may not do this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MarketRateResource {

    @Inject
    MarketRateService service;

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "List the market rates", description = "By type, then effective date (oldest first).")
    @APIResponse(responseCode = "200", description = "Every entry")
    public List<MarketRateView> list() {
        return service.list();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Add a market rate",
            description = "In force from effectiveFrom until the next entry. Decisions made from now on with an asOfDate "
                    + "on or after that date use it and record it as lprPct; stored decisions keep theirs. effectiveFrom is today "
                    + "(Asia/Shanghai) or later: a backdated rate would silently change what new decisions with an old "
                    + "asOfDate get, and is refused.")
    @APIResponse(responseCode = "201", description = "The entry")
    @APIResponse(responseCode = "400", description = "Invalid fields; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "That date already has a rate of that type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "effectiveFrom is before today (Asia/Shanghai); errors names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MarketRateView add(NewMarketRate rate) {
        return service.add(rate);
    }
}

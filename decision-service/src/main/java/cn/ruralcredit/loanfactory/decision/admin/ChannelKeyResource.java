package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** API keys of channel apps (admins only). */
@Path("/api/v1/admin/channel-keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: channel keys", description = "API keys with which channel apps decide (X-Api-Key)")
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ChannelKeyResource {

    @Inject
    ChannelKeyService service;

    @GET
    @Operation(summary = "List the channel keys", description = "Active and revoked, oldest first; each with its prefix only.")
    @APIResponse(responseCode = "200", description = "Every key")
    public List<ChannelKeyView> list() {
        return service.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Issue a key to a channel",
            description = "Returns the new key once; only its sha256 is stored, so it cannot be shown again. "
                    + "A channel may hold several keys, to roll over without downtime.")
    @APIResponse(responseCode = "201", description = "The new key, shown this once")
    @APIResponse(responseCode = "400", description = "Invalid channel code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IssuedChannelKey issue(NewChannelKey request) {
        return service.issue(request);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke a key", description = "Requests with the key are refused (401) from now on.")
    @APIResponse(responseCode = "200", description = "The key, revoked (revoking again changes nothing)")
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChannelKeyView revoke(@PathParam("id") long id) {
        return service.revoke(id);
    }
}

package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Staff users and their roles (admins only). Passwords go in; neither they nor their hashes come out. */
@Path("/api/v1/admin/users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: users", description = "Staff users of the service's own user store")
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

    @Inject
    UserService service;

    @GET
    @Operation(summary = "List the staff users", description = "By username; never with passwords or hashes.")
    @APIResponse(responseCode = "200", description = "Every user")
    public List<UserView> list() {
        return service.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a staff user",
            description = "Username of lower-case letters, digits, '.', '_' or '-'; a password of at least 12 characters other than "
                    + "spaces, at most 72 bytes, no control characters, stored as a bcrypt hash; one or more of PRODUCT_MANAGER, APPROVER, AUDITOR, ADMIN, CREDIT_OFFICER.")
    @APIResponse(responseCode = "201", description = "The user, enabled")
    @APIResponse(responseCode = "400", description = "Invalid fields; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The username is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserView create(NewUser user) {
        return service.create(user);
    }

    @PUT
    @Path("/{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's roles", description = "Takes effect at the user's next request.")
    @APIResponse(responseCode = "200", description = "The user with the new roles")
    @APIResponse(responseCode = "400", description = "Invalid roles; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An admin cannot drop their own ADMIN role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserView changeRoles(@PathParam("username") String username, RolesChange change) {
        return service.changeRoles(username, change);
    }

    @POST
    @Path("/{username}/disable")
    @Operation(summary = "Disable a user", description = "The user's next request is refused (401).")
    @APIResponse(responseCode = "200", description = "The user, disabled")
    @APIResponse(responseCode = "404", description = "No such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An admin cannot disable their own account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserView disable(@PathParam("username") String username) {
        return service.disable(username);
    }

    @POST
    @Path("/{username}/enable")
    @Operation(summary = "Enable a disabled user again")
    @APIResponse(responseCode = "200", description = "The user, enabled")
    @APIResponse(responseCode = "404", description = "No such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserView enable(@PathParam("username") String username) {
        return service.enable(username);
    }
}

package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.security.SignInLimits;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** Sign-in locks after repeated failed staff sign-ins (SignInLimits): listed and lifted by admins. */
@Path("/api/v1/admin/sign-in-lockouts")
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
public class SignInLockoutResource {

    @Inject
    SignInLimits limits;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List the sign-in locks in force",
            description = "Usernames and client addresses refused (429) after too many failed sign-ins, until when, "
                    + "on this node (each node of a cluster counts its own).")
    @APIResponse(responseCode = "200", description = "Every lock in force, users first")
    public List<SignInLimits.Lockout> list() {
        return limits.lockouts();
    }

    @DELETE
    @Path("/users/{username}")
    @ResponseStatus(204)
    @Operation(summary = "Lift the sign-in lock of a username", description = "Its failures are forgotten too.")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "That username is not locked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void liftUser(@PathParam("username") String username) {
        lift(SignInLimits.Kind.USER, username);
    }

    @DELETE
    @Path("/addresses/{address}")
    @ResponseStatus(204)
    @Operation(summary = "Lift the sign-in lock of a client address", description = "Its failures are forgotten too.")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "That address is not locked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void liftAddress(@PathParam("address") String address) {
        lift(SignInLimits.Kind.ADDRESS, address);
    }

    private void lift(SignInLimits.Kind kind, String subject) {
        if (!limits.lift(kind, subject, identity.getPrincipal().getName())) {
            throw ProblemException.notFound("no sign-in lock on " + kind.name().toLowerCase() + " " + subject);
        }
    }
}

package cn.ruralcredit.loanfactory.decision.session;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.ApiKeyAuthenticationMechanism;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.security.SignInGate;
import cn.ruralcredit.loanfactory.decision.security.StaffSessions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Sign-in, the signed-in user and sign-out of the browser workspace at /admin (README, "Staff sessions"). */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff sessions", description = "Sign-in of the browser workspace: a session cookie, CSRF token and sign-out")
public class SessionResource {
    private static final String SESSION_BODY = "The user, its roles, the CSRF token to send in X-CSRF-Token, and the idle timeout";

    @Inject
    SessionService sessions;
    @Inject
    SecurityIdentity identity;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with a username and password",
            description = "The same check as HTTP Basic: failures count towards the sign-in lock (429 with Retry-After, "
                    + "before the password is checked). Sets the HttpOnly, SameSite=Strict cookie lf_session (Secure when "
                    + "loanfactory.session.secure-cookie=true). No X-CSRF-Token is needed, but an Origin other than the "
                    + "service's own is refused (403). A request with X-Api-Key is refused (403).")
    @APIResponse(responseCode = "200", description = SESSION_BODY,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "username or password missing (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Unknown user, wrong password or disabled user (one answer for all)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A channel key was sent, the Origin is another site's, or password sign-in is off",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins of this user or from this address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signIn(SignInRequest body, @Context RoutingContext http,
                           @Parameter(hidden = true) @HeaderParam(ApiKeyAuthenticationMechanism.HEADER) String channelKey) {
        SessionService.Opened opened = sessions.signIn(body, SignInGate.address(http), channelKey != null);
        return Response.ok(opened.view()).header(HttpHeaders.SET_COOKIE, sessions.cookie(opened.token())).build();
    }

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN})
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "The signed-in user of this session",
            description = "What the sign-in answered, again (after a page reload). Each call counts as activity.")
    @APIResponse(responseCode = "200", description = SESSION_BODY,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "No session, or it has ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A channel key, or a user without staff roles",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SessionView current() {
        return sessions.current(identity);
    }

    @DELETE
    @PermitAll
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Sign out", description = "Ends the session and clears the cookie. Needs X-CSRF-Token like every change.")
    @APIResponse(responseCode = "204", description = "Signed out (also when the session had already ended)")
    @APIResponse(responseCode = "403", description = "X-CSRF-Token missing or wrong, another Origin, or a channel key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signOut(@Parameter(hidden = true) @CookieParam(StaffSessions.COOKIE) String token,
                            @Parameter(hidden = true) @HeaderParam(ApiKeyAuthenticationMechanism.HEADER) String channelKey) {
        sessions.signOut(token, channelKey != null);
        return Response.noContent().header(HttpHeaders.SET_COOKIE, sessions.clearedCookie()).build();
    }

    @GET
    @Path("/options")
    @PermitAll
    @Operation(summary = "How staff may sign in here", description = "Password, the OIDC provider, or both, as configured.")
    @APIResponse(responseCode = "200", description = "The sign-in options",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignInOptions.class)))
    public SignInOptions options() {
        return sessions.options();
    }

    @GET
    @Path("/oidc")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @Operation(summary = "Sign in through the OIDC provider",
            description = "The page sends the browser here; the OIDC authorization-code flow (quarkus.oidc.application-type "
                    + "hybrid or web-app) signs the user in at the provider first. The provider's sign-in becomes a workspace "
                    + "session with the provider's staff roles, and the browser is sent to /admin/.")
    @APIResponse(responseCode = "303", description = "Signed in: on to /admin/, with the lf_session cookie")
    @APIResponse(responseCode = "403", description = "A channel key, or a user without staff roles",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "OIDC is not configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response afterProviderSignIn() {
        SessionService.Opened opened = sessions.afterProviderSignIn(identity);
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(SessionService.WORKSPACE_PATH));
        if (opened != null) redirect.header(HttpHeaders.SET_COOKIE, sessions.cookie(opened.token()));
        return redirect.build();
    }
}

package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.replay.ReplayResult;
import cn.ruralcredit.loanfactory.decision.replay.ReplayService;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The decision API for channel apps (API.md). Thin: the service holds the logic, including whose
 * decision it is. The security schemes of the whole API are declared here (see OpenApiSecurity).
 */
@Path("/api/v1/decisions")
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiSecurity.CHANNEL_KEY, type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "X-Api-Key",
                description = "A channel app's API key (role CHANNEL); issued by an admin and shown once"),
        @SecurityScheme(securitySchemeName = OpenApiSecurity.STAFF_BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "A staff user of the service's own user store"),
        @SecurityScheme(securitySchemeName = OpenApiSecurity.STAFF_BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT",
                description = "A staff access token of the OIDC provider (Keycloak) when enabled; roles in realm_access/roles"),
        @SecurityScheme(securitySchemeName = OpenApiSecurity.STAFF_SESSION, type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.COOKIE, apiKeyName = "lf_session",
                description = "The browser workspace's staff session (POST /api/v1/session); every POST, PUT, PATCH and "
                        + "DELETE with it also sends X-CSRF-Token")
})
@Tag(name = "Decisions", description = "Credit decisions on the seed and factory loan products")
public class DecisionResource {

    @Inject
    DecisionService service;
    @Inject
    ReplayService replays;

    @POST
    @RolesAllowed(Roles.CHANNEL)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiSecurity.CHANNEL_KEY)
    @Operation(summary = "Decide an application",
            description = "Evaluates the request with the product's rule set version in force on asOfDate (today in "
                    + "Asia/Shanghai when absent) and stores the decision before answering. A repeated requestId with the "
                    + "same body returns the stored decision; with another body it is a 409. A requestId is the calling channel's own: other channels may use the same one. Required fields: requestId, "
                    + "productCode, applicant.idNumber, applicant.name, applicant.segment, application.termMonths; missing "
                    + "optional numbers count as 0, booleans as false, enums as NONE (purpose as OTHER), and a missing "
                    + "requestedAmount means the limit is the cap (PRODUCTS.md 1.1).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionRequest.class),
            examples = @ExampleObject(name = "FUNONG farmer", value = OpenApiExamples.REQUEST)))
    @APIResponse(responseCode = "200", description = "The decision (new, or stored for a repeated requestId)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionResponse.class),
                    examples = @ExampleObject(name = "approved", value = OpenApiExamples.RESPONSE)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors names each bad field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad ID number", value = OpenApiExamples.BAD_REQUEST)))
    @APIResponse(responseCode = "401", description = "No channel key, or an unknown or revoked one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a channel app (staff cannot decide)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown productCode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "requestId already used with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No published rule set or no LPR in force on asOfDate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "The rules failed; the decision failed closed and nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "408", description = "The body did not arrive within 10 s; the connection is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The channel key has used its allowance of requests; Retry-After says "
            + "when to try again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The decision could not be stored; no decision was made",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String decide(String body) {
        return service.decide(body);
    }

    @GET
    @Path("/{decisionId}")
    @RolesAllowed({Roles.AUDITOR, Roles.CHANNEL})
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiSecurity.CHANNEL_KEY)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Read a stored decision",
            description = "The decision as it was returned, plus request: the request exactly as evaluated, asOfDate filled in. "
                    + "Auditors read every decision, with the applicant's full ID number and phone, and each such read is "
                    + "recorded in the personal-data access log (GET /api/v1/audit/personal-data-reads); if it cannot be "
                    + "recorded, the decision is not shown (503). A channel app reads only its own decisions, with the "
                    + "ID number and phone masked (150422********0041, 138****8000).")
    @APIResponse(responseCode = "200", description = "The stored decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither an auditor nor a channel app",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such decision, or another channel's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "An auditor's read could not be recorded in the access log; nothing is shown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode find(@PathParam("decisionId") String decisionId) {
        return service.find(decisionId);
    }

    @POST
    @Path("/{decisionId}/replay")
    @RolesAllowed(Roles.AUDITOR)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Replay a stored decision",
            description = "Evaluates the stored request again with the rule set version recorded in the decision (found by "
                    + "its sha256, even if retired since) and the LPR recorded in it, and compares every output field with "
                    + "the stored response. Nothing is stored.")
    @APIResponse(responseCode = "200", description = "The replay: match, original, replayed and the differing fields",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an auditor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such decision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The recorded rule set is no longer in the catalog",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "The recorded rule set failed on the stored request (a fault, loudly)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayResult replay(@PathParam("decisionId") String decisionId) {
        return replays.replay(decisionId);
    }
}

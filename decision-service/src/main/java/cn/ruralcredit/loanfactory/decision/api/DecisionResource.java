package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The decision API for channel apps (API.md). Thin: the service holds the logic. */
@Path("/api/v1/decisions")
@Tag(name = "Decisions", description = "Credit decisions on the seed and factory loan products")
public class DecisionResource {

    @Inject
    DecisionService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an application",
            description = "Evaluates the request with the product's rule set version in force on asOfDate (today in "
                    + "Asia/Shanghai when absent) and stores the decision before answering. A repeated requestId with the "
                    + "same body returns the stored decision; with another body it is a 409. Required fields: requestId, "
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
    @APIResponse(responseCode = "404", description = "Unknown productCode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "requestId already used with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No published rule set or no LPR in force on asOfDate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "The rules failed; the decision failed closed and nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The decision could not be stored; no decision was made",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String decide(String body) {
        return service.decide(body);
    }

    @GET
    @Path("/{decisionId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a stored decision",
            description = "The decision as it was returned, plus request: the request exactly as evaluated, asOfDate filled in.")
    @APIResponse(responseCode = "200", description = "The stored decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such decision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode find(@PathParam("decisionId") String decisionId) {
        return service.find(decisionId);
    }
}

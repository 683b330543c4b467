package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.decision.jobs.JobView;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Impact simulations of a version before its approval. Thin: {@link SimulationService} holds the logic. */
@Path("/api/v1/products/{code}/versions/{version}/simulations")
@Tag(name = "Rule set versions")
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a product manager, approver (or, to read, auditor)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such product, version or simulation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SimulationResource {

    @Inject
    SimulationService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER})
    @Operation(summary = "Simulate a version on stored decisions",
            description = "Evaluates again, in the background, every stored decision of the product decided from `from` to "
                    + "`to` (Asia/Shanghai days; default the last 90 days) and before now, under this DRAFT or IN_REVIEW "
                    + "version, each with its request's original asOfDate and the LPR it recorded. Nothing is stored as a "
                    + "decision. Progress is at the Location; the report when it is DONE: the outcome transition matrix, "
                    + "counts and exposure before and after, limit and rate distributions (decisions not DECLINED; mean, "
                    + "and p50/p90 by nearest rank), the reason codes that appear or disappear most, and a sample of "
                    + "changed decisions. A DONE simulation of the version's current content over at least the 30 days up "
                    + "to the day it ran lets the version be approved without acknowledgeNoSimulation.")
    @APIResponse(responseCode = "202", description = "Queued; total is the number of decisions it will simulate",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "from after to, to after today, more than 3,660 days, or not dates; "
            + "errors names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The version is not DRAFT or IN_REVIEW",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The version does not pass the sandbox check or does not compile; "
            + "errors locate each problem (file:line:column)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The caller has 3 jobs waiting or running, or everyone together 20; "
            + "Retry-After says when to ask again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@PathParam("code") String code, @PathParam("version") int version, NewSimulation request) {
        JobView view = service.start(code, version, request);
        return Response.accepted(view).header(HttpHeaders.LOCATION, SimulationService.href(code, version, view.id())).build();
    }

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "List a version's simulations, newest first", description = "The 100 newest, without reports.")
    @APIResponse(responseCode = "200", description = "Simulations, newest first")
    public List<JobView> list(@PathParam("code") String code, @PathParam("version") int version) {
        return service.list(code, version);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "A simulation, its progress and, once DONE, its report",
            description = "done of total, the rate in decisions per second of processing and the estimated seconds left; "
                    + "report once status is DONE; error when FAILED (e.g. the version was edited before the job resumed).")
    @APIResponse(responseCode = "200", description = "The simulation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationView.class)))
    public SimulationView get(@PathParam("code") String code, @PathParam("version") int version, @PathParam("id") String id) {
        return service.get(code, version, id);
    }
}

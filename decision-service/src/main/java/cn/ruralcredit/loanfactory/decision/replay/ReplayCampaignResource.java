package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Replay campaigns of auditors: every decision of a product and date range replayed in the background. */
@Path("/api/v1/replays")
@Tag(name = "Audit", description = "Replay, verification and personal data reads, for auditors")
@RolesAllowed(Roles.AUDITOR)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an auditor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReplayCampaignResource {

    @Inject
    ReplayCampaignService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a replay campaign",
            description = "Replays, in the background, every decision of productCode decided from `from` to `to` (Asia/Shanghai "
                    + "days; default the last 90 days) and before now, each with its recorded rule set version and LPR. "
                    + "Progress is at the Location; the report when it is DONE. A restart of the service resumes it "
                    + "from its last committed chunk.")
    @APIResponse(responseCode = "202", description = "Queued; total is the number of decisions it will replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown productCode, from after to, to after today, or more "
            + "than 3,660 days; errors names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The caller has 3 jobs waiting or running, or everyone together 20; "
            + "Retry-After says when to ask again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(NewReplayCampaign request) {
        JobView view = service.start(request);
        return Response.accepted(view).header(HttpHeaders.LOCATION, "/api/v1/replays/" + view.id()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List replay campaigns", description = "The 100 newest, optionally of one product.")
    @APIResponse(responseCode = "200", description = "Campaigns, newest first")
    public List<JobView> list(@QueryParam("productCode") String productCode) {
        return service.list(productCode);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A replay campaign and its progress",
            description = "done of total, the rate in decisions per second of processing and the estimated seconds left.")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Download a finished campaign's report",
            description = "JSON (default): the campaign, total, matched, mismatched and failed counts, each mismatched decision "
                    + "with its differing fields, each failed decision with its error. format=csv: one line per differing "
                    + "field (decisionId,result,field,original,replayed).")
    @APIResponse(responseCode = "200", description = "The report, as an attachment")
    @APIResponse(responseCode = "400", description = "format is neither json nor csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The campaign has not finished",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("id") String id, @QueryParam("format") String format) {
        String kind = format == null ? "json" : format;
        if (!kind.equals("json") && !kind.equals("csv")) {
            throw ProblemException.badField("format", "must be json or csv, not " + format);
        }
        JobView campaign = service.finished(id);
        StreamingOutput body = kind.equals("csv") ? out -> service.writeCsv(campaign, out)
                : out -> service.writeJson(campaign, out);
        return Response.ok(body, kind.equals("csv") ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"replay-" + id + "." + kind + "\"")
                .build();
    }
}

package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Rule set versions of a product and their governed lifecycle. Thin: {@link VersionService} holds the logic. */
@Path("/api/v1/products/{code}/versions")
@Tag(name = "Rule set versions", description = "Drafts, validation, test runs, review, publication, retirement, rollback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VersionResource {

    @Inject
    VersionService service;
    @Inject
    TestRuns testRuns;

    @GET
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "List a product's versions, newest first")
    public List<VersionViews.Summary> list(@PathParam("code") String code) {
        return service.list(code);
    }

    @POST
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Create a draft", description = "A copy of copyFrom {productCode, version} (any product's version), "
            + "or the starter rule set (the common pipeline and an empty product file) when copyFrom is absent.")
    @APIResponse(responseCode = "201", description = "The new draft with its files")
    public Response create(@PathParam("code") String code, VersionRequests.NewDraft request) {
        VersionViews.Detail draft = service.createDraft(code, request);
        return Response.status(201).entity(draft)
                .location(java.net.URI.create("/api/v1/products/" + code + "/versions/" + draft.summary().version())).build();
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Read a version with its DRL files",
            description = "With latestSimulation: the newest simulation of the version, whether it is of the current content "
                    + "and covers approval, its progress and, once DONE, its report summary.")
    public VersionViews.Detail get(@PathParam("code") String code, @PathParam("version") int version) {
        return service.get(code, version);
    }

    @PUT
    @Path("/{version}")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Edit a draft", description = "The files sent replace the draft's files. lockVersion must be the "
            + "one last read: a stale edit is a 409 and changes nothing.")
    @APIResponse(responseCode = "409", description = "The draft changed since it was read, or the version is not a draft")
    public VersionViews.Detail edit(@PathParam("code") String code, @PathParam("version") int version,
                                    VersionRequests.Edit request) {
        return service.edit(code, version, request);
    }

    @DELETE
    @Path("/{version}")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Delete a draft", description = "Its history is kept, with the deletion; the number is not reused.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("code") String code, @PathParam("version") int version) {
        service.deleteDraft(code, version);
    }

    @POST
    @Path("/{version}/validate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER})
    @Operation(summary = "Validate a version", description = "The sandbox check, then compilation; each problem with file, "
            + "line, column and message.")
    public VersionViews.Validation validate(@PathParam("code") String code, @PathParam("version") int version) {
        return testRuns.validate(code, version);
    }

    @POST
    @Path("/{version}/test-runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER})
    @Operation(summary = "Run the product's scenario suite against a version", description = "Stores the result of every case.")
    @APIResponse(responseCode = "201", description = "The test run with every case's result")
    @APIResponse(responseCode = "422", description = "The version does not validate; errors locate each problem")
    public Response test(@PathParam("code") String code, @PathParam("version") int version) {
        return Response.status(201).entity(testRuns.test(code, version)).build();
    }

    @GET
    @Path("/{version}/test-runs")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "List a version's test runs, newest first")
    public List<VersionViews.TestRunSummary> testRuns(@PathParam("code") String code, @PathParam("version") int version) {
        return service.testRuns(code, version);
    }

    @GET
    @Path("/{version}/test-runs/{runId}")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Read a test run with every case's result")
    public VersionViews.TestRunDetail testRun(@PathParam("code") String code, @PathParam("version") int version,
                                              @PathParam("runId") long runId) {
        return service.testRun(code, version, runId);
    }

    @POST
    @Path("/{version}/submit")
    @RolesAllowed(Roles.PRODUCT_MANAGER)
    @Operation(summary = "Submit a draft for review", description = "Validates and runs the whole suite now; only a version "
            + "that validates and passes every scenario goes IN_REVIEW.")
    @APIResponse(responseCode = "422", description = "Validation problems or failing scenarios, each named in errors")
    public VersionViews.Summary submit(@PathParam("code") String code, @PathParam("version") int version,
                                       VersionRequests.Comment request) {
        return testRuns.submit(code, version, request);
    }

    @POST
    @Path("/{version}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve a version in review", description = "Not by its author, an editor or its submitter (403). "
            + "A simulation must cover the version: one DONE on its current content (same sha256) whose range, from <= D - 29 "
            + "and to >= D, took in the 30 days up to the day D it ran. Without one, the approver must send "
            + "acknowledgeNoSimulation: true; the APPROVED event records simulationId or acknowledgeNoSimulation.")
    @APIResponse(responseCode = "200", description = "Approved")
    @APIResponse(responseCode = "403", description = "The caller wrote, edited or submitted the version")
    @APIResponse(responseCode = "409", description = "The version is not IN_REVIEW")
    @APIResponse(responseCode = "422", description = "No simulation covers the version and acknowledgeNoSimulation is not "
            + "true; errors names acknowledgeNoSimulation")
    public VersionViews.Summary approve(@PathParam("code") String code, @PathParam("version") int version,
                                        VersionRequests.Approve request) {
        return service.approve(code, version, request);
    }

    @POST
    @Path("/{version}/reject")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Reject a version in review", description = "A comment is required; not by its author (403).")
    public VersionViews.Summary reject(@PathParam("code") String code, @PathParam("version") int version,
                                       VersionRequests.Comment request) {
        return service.reject(code, version, request);
    }

    @POST
    @Path("/{version}/publish")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Publish an approved version", description = "In force from effectiveFrom (today or later; today "
            + "when absent). Compiled once before the switch; no restart.")
    public VersionViews.Summary publish(@PathParam("code") String code, @PathParam("version") int version,
                                        VersionRequests.Publish request) {
        return service.publish(code, version, request);
    }

    @POST
    @Path("/{version}/retire")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Retire a published or approved version", description = "A comment is required.")
    public VersionViews.Summary retire(@PathParam("code") String code, @PathParam("version") int version,
                                       VersionRequests.Comment request) {
        return service.retire(code, version, request);
    }

    @POST
    @Path("/{version}/rollback")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Roll back to a version", description = "Publishes the content of this (published or retired) "
            + "version as a new version from effectiveFrom; a comment is required. History stays linear.")
    @APIResponse(responseCode = "200", description = "The new version, published")
    public VersionViews.Summary rollback(@PathParam("code") String code, @PathParam("version") int version,
                                         VersionRequests.Publish request) {
        return service.rollback(code, version, request);
    }

    @GET
    @Path("/{version}/history")
    @RolesAllowed({Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR})
    @Operation(summary = "Lifecycle events of a version: who, when, what, comment")
    public List<VersionViews.Event> history(@PathParam("code") String code, @PathParam("version") int version) {
        return service.history(code, version);
    }
}

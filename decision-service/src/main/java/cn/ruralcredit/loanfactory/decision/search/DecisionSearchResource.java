package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.platform.Paging;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Decision search and export for auditors (API.md "Read and replay"). ID numbers and phones are
 * masked here; the full values are only in the single-decision view, whose reads are logged.
 */
@Path("/api/v1/decisions")
@Tag(name = "Decisions")
public class DecisionSearchResource {

    @Inject
    DecisionSearchService service;

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Search decisions",
            description = "A page of stored decisions, newest first (decidedAt, then decisionId). Every filter is optional "
                    + "and they apply together; from and to are days in Asia/Shanghai, both inclusive. The applicant's ID "
                    + "number and phone are masked (150422********0041, 138****8000).")
    @APIResponse(responseCode = "200", description = "A page of decisions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionPage.class)))
    @APIResponse(responseCode = "400", description = "A bad query parameter; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an auditor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DecisionPage search(@BeanParam DecisionFilterParams filter,
                               @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER,
                                       minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
                               @Parameter(description = "Decisions per page, 1 to 200", schema = @Schema(type = SchemaType.INTEGER,
                                       minimum = "1", maximum = "200", defaultValue = "20")) @QueryParam("size") String size) {
        FieldErrors errors = new FieldErrors();
        DecisionFilter parsed = filter.parse(errors);
        Paging paging = Paging.parse(page, size, errors);
        errors.throwIfAny();
        return service.page(parsed, paging);
    }

    @GET
    @Path("/export")
    @RolesAllowed(Roles.AUDITOR)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Export decisions as CSV or XLSX",
            description = "The decisions the filters select (as in the search), newest first, in the columns of the search "
                    + "with nested values flattened, ID numbers and phones masked; streamed as an attachment. CSV is UTF-8 "
                    + "with a byte order mark, RFC 4180 quoting. At most 100000 decisions (loanfactory.export.max-rows): "
                    + "a larger selection is a 400 asking for a narrower range. Each export is recorded in the "
                    + "personal-data access log with its filters and row count.")
    @APIResponse(responseCode = "200", description = "The file",
            content = {@Content(mediaType = ExportFormat.CSV_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ExportFormat.XLSX_MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "format missing or unknown, a bad filter, or too many decisions; "
            + "errors names each", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an auditor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The export could not be recorded in the access log; nothing was exported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Parameter(description = "csv or xlsx", required = true,
                                   schema = @Schema(enumeration = {"csv", "xlsx"})) @QueryParam("format") String format,
                           @BeanParam DecisionFilterParams filter) {
        FieldErrors errors = new FieldErrors();
        ExportFormat parsedFormat = ExportFormat.parse(format, errors);
        DecisionFilter parsed = filter.parse(errors);
        errors.throwIfAny();
        DecisionSearchService.Export export = service.export(parsed, parsedFormat);
        return Response.ok(export.body())
                .type(export.format().contentType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .build();
    }
}

package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.platform.Paging;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The personal-data access log: who saw full ID numbers and phones, and who exported decisions. */
@Path("/api/v1/audit/personal-data-reads")
@Tag(name = "Audit", description = "Evidence for auditors")
public class PersonalDataReadResource {

    @Inject
    PersonalDataReadService service;

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
    @SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
    @Operation(summary = "Read the personal-data access log",
            description = "Every auditor's view of a single decision with the full ID number and phone (DECISION_VIEW, with "
                    + "the decisionId) and every decision export (EXPORT, with its format, filters and row count), newest "
                    + "first. from and to are days of readAt in Asia/Shanghai, both inclusive.")
    @APIResponse(responseCode = "200", description = "A page of access log entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PersonalDataReadView.Page.class)))
    @APIResponse(responseCode = "400", description = "A bad query parameter; errors names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an auditor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PersonalDataReadView.Page list(
            @Parameter(description = "The decision read") @QueryParam("decisionId") String decisionId,
            @Parameter(description = "The user who read, e.g. auditor") @QueryParam("reader") String reader,
            @Parameter(description = "First day (yyyy-MM-dd, inclusive), Asia/Shanghai",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day (yyyy-MM-dd, inclusive), Asia/Shanghai",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Entries per page, 1 to 200", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "200", defaultValue = "20")) @QueryParam("size") String size) {
        FieldErrors errors = new FieldErrors();
        PersonalDataReadService.Filter filter = PersonalDataReadService.Filter.parse(decisionId, reader, from, to, errors);
        Paging paging = Paging.parse(page, size, errors);
        errors.throwIfAny();
        return service.page(filter, paging);
    }
}

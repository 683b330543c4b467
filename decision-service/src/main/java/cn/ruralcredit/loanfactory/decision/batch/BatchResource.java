package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import cn.ruralcredit.loanfactory.decision.platform.OpenApiSecurity;
import cn.ruralcredit.loanfactory.decision.problem.Problem;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** 整村授信: credit officers upload a village's file and every row is decided in the background. */
@Path("/api/v1/batches")
@Tag(name = "Batch rating", description = "整村授信: a file of applicants decided in one background job (credit officers)")
@RolesAllowed(Roles.CREDIT_OFFICER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a credit officer",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BatchResource {
    @Inject
    BatchService service;

    /** The multipart form of an upload. */
    @Schema(name = "BatchUpload")
    public static class Form {
        @RestForm("file")
        @Schema(description = "The file: XLSX (first sheet) or CSV (UTF-8 with or without BOM, or GBK/GB18030); the first "
                + "row is the header, columns named by API field path (applicant.idNumber) or Chinese header (身份证号); at most "
                + "200,000 rows and 100 MiB", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                format = "binary")
        public FileUpload file;
        @RestForm
        @Schema(description = "The product every row is decided for; omit with mode=BEST_OFFER")
        public String productCode;
        @RestForm
        @Schema(description = "PRODUCT (default) or BEST_OFFER (一选多: each row gets the best offer of every product serving its "
                + "segment, stored as a decision of that product)")
        public String mode;
        @RestForm
        @Schema(description = "yyyy-MM-dd; default today (Asia/Shanghai). A row's own 评估日期/asOfDate column wins")
        public String asOfDate;
        @RestForm
        @Schema(description = "A label such as the village, at most 200 characters")
        public String label;
        @RestForm
        @Schema(description = "CSV only: AUTO (default: UTF-8 if the file decodes as UTF-8, else GB18030), UTF-8, GBK or GB18030")
        public String charset;
        @RestForm
        @Schema(description = "true: start a new job even if this officer already uploaded the same file for the same product")
        public String newJob;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file and start a batch rating",
            description = "The file is read whole before the job exists: its format and character set, its header (every required "
                    + "column present, none twice) and its row count. Then each row is validated exactly as POST /api/v1/decisions "
                    + "validates a request; a bad row is reported with its row number, column and message and does not stop the "
                    + "job; each good row becomes a stored decision (requestId <batch id>-<row>, channel BATCH, requestedBy the "
                    + "officer) with the rule set in force on its asOfDate. The same file (sha256) for the same product and mode, "
                    + "uploaded again by the same officer, answers 200 with the existing job unless newJob=true.")
    @APIResponse(responseCode = "202", description = "Queued; progress at the Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "200", description = "The same file was uploaded before: the existing job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "No file, an unreadable file (not CSV/XLSX, a zip bomb, an unclosed quote), "
            + "a header without a required column, more than 200,000 rows, or a bad form field; errors names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The officer has 3 batch jobs waiting or running, or everyone together 20",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response upload(Form form) {
        if (form == null) throw ProblemException.badField("file", "is required: a CSV or XLSX file as the multipart part 'file'");
        BatchService.Started started = service.start(new BatchService.Upload(
                form.file == null ? null : form.file.uploadedFile(), form.file == null ? null : form.file.fileName(),
                form.productCode, form.mode, form.asOfDate, form.label, form.charset,
                form.newJob != null && form.newJob.trim().equalsIgnoreCase("true")));
        Response.ResponseBuilder answer = started.existing() ? Response.ok(started.view()) : Response.accepted(started.view());
        return answer.header(HttpHeaders.LOCATION, "/api/v1/batches/" + started.view().id()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The officer's batch jobs", description = "The 100 newest of the caller, newest first.")
    @APIResponse(responseCode = "200", description = "Jobs")
    public List<BatchView> list() {
        return service.mine();
    }

    @GET
    @Path("/template")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"})
    @Operation(summary = "The upload template",
            description = "format=xlsx (default): the Chinese headers, one example row, a drop-down list on every enum and yes/no "
                    + "column, and a sheet 说明 naming each column's API field; format=csv: the headers and the example row (UTF-8 with BOM).")
    @APIResponse(responseCode = "200", description = "The template, as an attachment")
    @APIResponse(responseCode = "400", description = "format is neither xlsx nor csv",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response template(@QueryParam("format") String format) {
        String kind = format(format, "xlsx");
        StreamingOutput body = kind.equals("csv") ? BatchSheets::writeTemplateCsv : BatchSheets::writeTemplateXlsx;
        return Response.ok(body, mediaType(kind))
                .header("Content-Disposition", "attachment; filename=\"batch-template." + kind + "\"").build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch job and its progress",
            description = "done of total rows (good and bad), rows refused, the rate in rows per second of processing, the "
                    + "estimated seconds left; the summary when DONE. Another officer's job is a 404.")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job of the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.Blocking
    @Operation(summary = "The job's progress as Server-Sent Events",
            description = "One event a second, each the job as GET /api/v1/batches/{id} gives it; the stream ends after the first "
                    + "event whose status is DONE or FAILED.")
    @APIResponse(responseCode = "200", description = "text/event-stream of jobs")
    @APIResponse(responseCode = "404", description = "No such job of the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<BatchView> events(@PathParam("id") String id) {
        BatchView first = service.get(id); // 404 for a job that is not the caller's, before the stream starts
        Predicate<BatchView> untilFinished = new Predicate<>() {
            private boolean ended;

            @Override
            public boolean test(BatchView view) {
                if (ended) return false;
                ended = finished(view);
                return true;
            }
        };
        if (finished(first)) return Multi.createFrom().item(first);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                Multi.createFrom().ticks().every(Duration.ofSeconds(1))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(tick -> BatchView.of(QuarkusTransaction.requiringNew().call(() -> BatchJob.<BatchJob>findById(id)))))
                .select().first(untilFinished);
    }

    private static boolean finished(BatchView view) {
        return BatchJob.DONE.equals(view.status()) || BatchJob.FAILED.equals(view.status());
    }

    @GET
    @Path("/{id}/results")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "Download the results",
            description = "One line per input row in row order: 行号, 姓名, 身份证号 (masked), 产品, 结果 (APPROVED, DECLINED, REFERRED "
                    + "or ERROR), 资信等级, 等级名称, 授信额度, 年利率(%), 担保, 原因 (Chinese), 原因代码, 决策编号, 错误 (column: message). "
                    + "format=csv (default; UTF-8 with BOM) or xlsx; rows=errors for the refused rows only. Text that starts "
                    + "like a formula gets a leading '. Available while the job runs (the rows done so far).")
    @APIResponse(responseCode = "200", description = "The results, as an attachment")
    @APIResponse(responseCode = "400", description = "format or rows not one of theirs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job of the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response results(@PathParam("id") String id, @QueryParam("format") String format,
                            @Parameter(description = "all (default) or errors") @QueryParam("rows") String rows) {
        String kind = format(format, "csv");
        String which = rows == null ? "all" : rows.trim().toLowerCase(Locale.ROOT);
        if (!which.equals("all") && !which.equals("errors")) throw ProblemException.badField("rows", "must be all or errors");
        BatchView job = service.get(id);
        String status = which.equals("errors") ? BatchRow.ERROR : null;
        java.util.function.Function<Integer, List<BatchRow>> page = after -> service.rows(job.id(), status, after, BatchSheets.pageSize());
        StreamingOutput body = kind.equals("csv") ? out -> BatchSheets.writeCsv(out, page) : out -> BatchSheets.writeXlsx(out, page);
        String name = "batch-" + id + (status == null ? "-results." : "-errors.") + kind;
        return Response.ok(body, mediaType(kind)).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/{id}/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's summary so far", description = "Counts by outcome, tier and product, and exposure, over the rows done.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "404", description = "No such job of the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchSummary summary(@PathParam("id") String id) {
        BatchView job = service.get(id);
        return QuarkusTransaction.requiringNew().call(() -> BatchSummary.of(job.id()));
    }

    private static String format(String format, String otherwise) {
        String kind = format == null ? otherwise : format.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("xlsx")) throw ProblemException.badField("format", "must be csv or xlsx");
        return kind;
    }

    private static String mediaType(String kind) {
        return kind.equals("csv") ? "text/csv; charset=UTF-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}

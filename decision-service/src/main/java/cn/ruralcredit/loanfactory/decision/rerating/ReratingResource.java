package cn.ruralcredit.loanfactory.decision.rerating;

import cn.ruralcredit.loanfactory.catalog.batch.ReratingLine;
import cn.ruralcredit.loanfactory.decision.platform.CsvText;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** 动态调整: a product's current lines re-rated with a version, reported, and applied by a second person. */
@Path("/api/v1/products/{code}/re-ratings")
@Tag(name = "Re-rating", description = "动态调整: re-rate a product's current lines under a version (product managers, approvers)")
@RolesAllowed({Roles.APPROVER, Roles.PRODUCT_MANAGER})
@SecurityRequirement(name = OpenApiSecurity.STAFF_BASIC)
@SecurityRequirement(name = OpenApiSecurity.STAFF_BEARER)
@SecurityRequirement(name = OpenApiSecurity.STAFF_SESSION)
@APIResponse(responseCode = "401", description = "No credentials, or credentials not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Neither a product manager nor an approver",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReratingResource {
    static final List<String> HEADER = List.of("序号", "决策编号", "姓名", "身份证号", "调整", "原结果", "新结果", "原等级", "新等级",
            "原额度", "新额度", "原利率(%)", "新利率(%)", "新原因", "新原因代码", "错误", "新决策编号");
    private static final int PAGE = 1000;

    @Inject
    ReratingService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a re-rating",
            description = "Re-evaluates, in the background, the product's current lines — for each applicant the latest APPROVED "
                    + "or REFERRED decision decided before now (optionally from/to, days of decidedAt), not revised since and still "
                    + "within its validityMonths on asOfDate — with the recorded applicant data, version (default the one in "
                    + "force on asOfDate), asOfDate (default today) and the LPR of asOfDate. Stores nothing but the report.")
    @APIResponse(responseCode = "202", description = "Queued; progress at the Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReratingView.class)))
    @APIResponse(responseCode = "400", description = "A bad field (from after to, to after today, no such version, no LPR)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many batch or re-rating jobs waiting or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@PathParam("code") String code, NewRerating request) {
        ReratingView view = service.start(code, request);
        return Response.accepted(view).header(HttpHeaders.LOCATION, "/api/v1/products/" + code + "/re-ratings/" + view.id()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The product's re-ratings", description = "The 100 newest.")
    @APIResponse(responseCode = "200", description = "Re-ratings, newest first")
    public List<ReratingView> list(@PathParam("code") String code) {
        return service.list(code);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A re-rating, its progress and, when DONE, its summary",
            description = "The summary counts lines by class — UP (higher limit), DOWN, UNCHANGED, RATE_ONLY (same limit, other "
                    + "rate), WITHDRAWN (now declined), ERROR (the rules failed on it) — and the exposure before and after.")
    @APIResponse(responseCode = "200", description = "The re-rating")
    @APIResponse(responseCode = "404", description = "No such re-rating of the product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReratingView get(@PathParam("code") String code, @PathParam("id") String id) {
        return service.get(code, id);
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "The report: one line per current line",
            description = "format=json (default): the lines with decisionId, change, outcome/tier/limit/rate before and after, "
                    + "the new reasons; csv (UTF-8 with BOM) or xlsx as attachments. ID numbers masked.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "409", description = "Not DONE yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("code") String code, @PathParam("id") String id, @QueryParam("format") String format) {
        String kind = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("json", "csv", "xlsx").contains(kind)) throw ProblemException.badField("format", "must be json, csv or xlsx");
        ReratingView view = service.finished(code, id);
        if (kind.equals("json")) {
            List<ReratingLine> all = new ArrayList<>();
            int after = 0;
            while (true) {
                List<ReratingLine> page = service.lines(view.id(), after, PAGE);
                all.addAll(page);
                if (page.size() < PAGE) break;
                after = page.get(page.size() - 1).lineNo;
            }
            return Response.ok(new Report(view, all.stream().map(ReratingResource::lineView).toList())).build();
        }
        StreamingOutput body = kind.equals("csv") ? out -> writeCsv(view.id(), out) : out -> writeXlsx(view.id(), out);
        return Response.ok(body, kind.equals("csv") ? "text/csv; charset=UTF-8"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"re-rating-" + id + "." + kind + "\"").build();
    }

    @POST
    @Path("/{id}/apply")
    @RolesAllowed(Roles.APPROVER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply a finished re-rating (approvers)",
            description = "Stores, in the background, each re-rated line (all but ERROR lines) as a new decision: channel "
                    + "RERATING, requestId <re-rating id>-<line>, the response naming the decision it revises (revises), which "
                    + "then is no longer a current line. Only an approver other than the one who asked for the re-rating, once, "
                    + "and only for an APPROVED or PUBLISHED version.")
    @APIResponse(responseCode = "202", description = "APPLYING; APPLIED when every line is stored")
    @APIResponse(responseCode = "403", description = "Not an approver, or the approver who asked for it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not DONE, applied already, a version not reviewed, or lines revised since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response apply(@PathParam("code") String code, @PathParam("id") String id) {
        ReratingView view = service.apply(code, id);
        return Response.accepted(view).header(HttpHeaders.LOCATION, "/api/v1/products/" + code + "/re-ratings/" + id).build();
    }

    public record Report(ReratingView rerating, List<LineView> lines) {
    }

    public record LineView(int line, String decisionId, String applicantName, String idNumber, String change,
                           String outcomeBefore, String outcomeAfter, String tierBefore, String tierAfter,
                           BigDecimal limitBefore, BigDecimal limitAfter, BigDecimal rateBefore, BigDecimal rateAfter,
                           List<String> reasonsAfter, String error, String newDecisionId) {
    }

    static LineView lineView(ReratingLine l) {
        return new LineView(l.lineNo, l.decisionId, l.applicantName, l.idNumber, l.changeKind, l.outcomeBefore, l.outcomeAfter,
                l.tierBefore, l.tierAfter, l.limitBefore, l.limitAfter, l.rateBefore, l.rateAfter,
                l.reasonsAfter == null || l.reasonsAfter.isEmpty() ? List.of() : List.of(l.reasonsAfter.split(",")), l.error,
                l.newDecisionId);
    }

    private static List<Object> cells(ReratingLine l) {
        List<Object> c = new ArrayList<>();
        c.add(l.lineNo); c.add(l.decisionId); c.add(l.applicantName); c.add(l.idNumber); c.add(l.changeKind);
        c.add(l.outcomeBefore); c.add(l.outcomeAfter); c.add(l.tierBefore); c.add(l.tierAfter);
        c.add(l.limitBefore); c.add(l.limitAfter); c.add(l.rateBefore); c.add(l.rateAfter);
        c.add(l.reasonsAfterZh); c.add(l.reasonsAfter); c.add(l.error); c.add(l.newDecisionId);
        return c;
    }

    private void writeCsv(String id, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", HEADER) + "\r\n");
        int after = 0;
        while (true) {
            List<ReratingLine> page = service.lines(id, after, PAGE);
            for (ReratingLine l : page) {
                List<String> fields = new ArrayList<>();
                for (Object v : cells(l)) {
                    fields.add(v instanceof BigDecimal b ? b.toPlainString() : v instanceof Number n ? n.toString()
                            : CsvText.field(v == null ? null : v.toString()));
                }
                w.write(String.join(",", fields) + "\r\n");
                after = l.lineNo;
            }
            w.flush();
            if (page.size() < PAGE) break;
        }
        w.flush();
    }

    private void writeXlsx(String id, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "loan-factory", "1.0");
        Worksheet sheet = wb.newWorksheet("动态调整");
        for (int c = 0; c < HEADER.size(); c++) sheet.inlineString(0, c, HEADER.get(c));
        int row = 1;
        int after = 0;
        while (true) {
            List<ReratingLine> page = service.lines(id, after, PAGE);
            for (ReratingLine l : page) {
                List<Object> cells = cells(l);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof BigDecimal b) sheet.value(row, c, b);
                    else if (v instanceof Number n) sheet.value(row, c, n);
                    else if (v != null) {
                        String t = v.toString();
                        char first = t.isEmpty() ? ' ' : t.charAt(0);
                        sheet.inlineString(row, c, first == '=' || first == '+' || first == '-' || first == '@' ? "'" + t : t);
                    }
                }
                row++;
                after = l.lineNo;
            }
            sheet.flush();
            if (page.size() < PAGE) break;
        }
        sheet.finish();
        wb.finish();
    }
}

package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filter query parameters of decision search and export, taken as text so that each bad one
 * is a 400 naming it ({@link DecisionFilter#parse}).
 */
public class DecisionFilterParams {
    @QueryParam("productCode")
    @Parameter(description = "Product code, e.g. FUNONG")
    public String productCode;

    @QueryParam("outcome")
    @Parameter(description = "APPROVED, DECLINED or REFERRED",
            schema = @Schema(enumeration = {"APPROVED", "DECLINED", "REFERRED"}))
    public String outcome;

    @QueryParam("version")
    @Parameter(description = "Rule set version the decision used (1, 2, …)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    public String version;

    @QueryParam("channel")
    @Parameter(description = "The authenticated channel that asked for the decision, e.g. MOBILE_APP")
    public String channel;

    @QueryParam("requestId")
    @Parameter(description = "The channel's requestId")
    public String requestId;

    @QueryParam("from")
    @Parameter(description = "First day (yyyy-MM-dd, inclusive) of decidedAt in Asia/Shanghai",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String from;

    @QueryParam("to")
    @Parameter(description = "Last day (yyyy-MM-dd, inclusive) of decidedAt in Asia/Shanghai",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String to;

    DecisionFilter parse(FieldErrors errors) {
        return DecisionFilter.parse(productCode, outcome, version, channel, requestId, from, to, errors);
    }
}

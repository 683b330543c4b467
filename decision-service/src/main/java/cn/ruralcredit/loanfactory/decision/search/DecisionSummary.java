package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.platform.Percent;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One decision in a list or an export: what was decided, for whom, through which channel, with the
 * applicant's ID number and phone masked. The full record is {@code GET /api/v1/decisions/{id}}.
 */
@Schema(name = "DecisionSummary")
public record DecisionSummary(
        String decisionId, String requestId, String productCode, RuleSetRef ruleSet,
        @Schema(description = "The authenticated channel that asked for the decision") String channel,
        LocalDate asOfDate,
        @Schema(description = "UTC, milliseconds", example = "2025-11-21T08:15:30.123Z") String decidedAt,
        @Schema(enumeration = {"APPROVED", "DECLINED", "REFERRED"}) String outcome,
        @Schema(description = "null when declined") String tierCode,
        BigDecimal creditLimit, @JsonSerialize(using = Percent.class) BigDecimal annualRatePct,
        @Schema(description = "BRANCH or UNION_COMMITTEE; null when declined") String approvalLevel,
        List<String> reasonCodes, Applicant applicant) {

    private static final DateTimeFormatter DECIDED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public record RuleSetRef(int version, String sha256) {
    }

    /** The applicant as a list may show them. */
    public record Applicant(
            String name,
            @Schema(example = "150422********0041") String idNumber,
            @Schema(example = "138****8000") String phone) {
    }

    /** The summary of a stored decision, personal data masked. */
    static DecisionSummary of(Decision d) {
        JsonNode response = ApiJson.readStored(d.responseJson);
        JsonNode applicant = ApiJson.readStored(d.requestJson).path("applicant");
        List<String> reasons = new ArrayList<>();
        response.path("reasons").forEach(r -> reasons.add(r.path("code").asText()));
        return new DecisionSummary(d.id, d.requestId, d.productCode, new RuleSetRef(d.ruleSetVersion, d.ruleSetSha256),
                d.channel, d.asOfDate, DECIDED_AT.format(d.decidedAt), d.outcome, text(response.path("tier").path("code")),
                wholeYuanWhenWhole(d.creditLimit), d.annualRatePct, text(response.path("approvalLevel")), List.copyOf(reasons),
                new Applicant(text(applicant.path("name")),
                        PersonalData.maskIdNumber(text(applicant.path("idNumber"))),
                        PersonalData.maskPhone(text(applicant.path("phone")))));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** 80000.00 as stored → 80000, as the decision answered it; 12345.60 stays. */
    private static BigDecimal wholeYuanWhenWhole(BigDecimal v) {
        if (v == null) return null;
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0 ? v.setScale(0, java.math.RoundingMode.UNNECESSARY) : v;
    }
}

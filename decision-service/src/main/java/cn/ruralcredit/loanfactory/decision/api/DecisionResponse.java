package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.platform.Percent;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.ApprovalLevel;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The decision returned to channel apps (API.md "Response 200"); field names are the contract. */
public record DecisionResponse(
        String decisionId,
        String requestId,
        String productCode,
        RuleSetRef ruleSet,
        LocalDate asOfDate,
        @JsonSerialize(using = Percent.class) BigDecimal lprPct,
        Outcome outcome,
        EvaluatedDecision.Tier tier,
        BigDecimal creditLimit,
        @JsonSerialize(using = Percent.class) BigDecimal annualRatePct,
        EvaluatedDecision.Guarantee guarantee,
        ApprovalLevel approvalLevel,
        int validityMonths,
        List<Reason> reasons,
        List<String> firedRules,
        String decidedAt) {

    /** The response for {@code evaluated}: the decision made on {@code request} with rule set {@code version}. */
    public static DecisionResponse of(String decisionId, DecisionRequest request, RuleSetRef ruleSet, BigDecimal lprPct,
                                      EvaluatedDecision evaluated, String decidedAt) {
        return new DecisionResponse(decisionId, request.requestId(), request.productCode(), ruleSet, request.asOfDate(),
                lprPct, evaluated.outcome(), evaluated.tier(), evaluated.creditLimit(), evaluated.annualRatePct(),
                evaluated.guarantee(), evaluated.approvalLevel(), evaluated.validityMonths(), evaluated.reasons(),
                evaluated.firedRules(), decidedAt);
    }

    /** The rule set version a decision was made with. */
    public record RuleSetRef(int version, String sha256) {
    }
}

package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.ApprovalLevel;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;

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
        BigDecimal lprPct,
        Outcome outcome,
        EvaluatedDecision.Tier tier,
        BigDecimal creditLimit,
        BigDecimal annualRatePct,
        EvaluatedDecision.Guarantee guarantee,
        ApprovalLevel approvalLevel,
        int validityMonths,
        List<Reason> reasons,
        List<String> firedRules,
        String decidedAt) {

    /** The rule set version a decision was made with. */
    public record RuleSetRef(int version, String sha256) {
    }
}

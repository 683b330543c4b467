package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.ApprovalLevel;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeType;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;

import java.math.BigDecimal;
import java.util.List;

/** The decision fields the rules produce, named as in the decision API (API.md). */
public record EvaluatedDecision(
        Outcome outcome,
        Tier tier,
        BigDecimal creditLimit,
        BigDecimal annualRatePct,
        Guarantee guarantee,
        ApprovalLevel approvalLevel,
        int validityMonths,
        BigDecimal lprPct,
        List<Reason> reasons,
        List<String> firedRules) {

    public record Tier(String code, String label) {
    }

    public record Guarantee(boolean required, List<GuaranteeType> acceptableTypes, GuaranteeType securedBy) {
    }
}

package cn.ruralcredit.loanfactory.decision.offers;

import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.platform.Percent;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.ApprovalLevel;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Product matching (一选多, API.md {@code POST /api/v1/offers}): every product that did not decline, best first. */
public record OffersResponse(String requestId, LocalDate asOfDate,
                             @JsonSerialize(using = Percent.class) BigDecimal lprPct, List<Offer> offers) {

    /** One product's proposal; not stored as a decision. */
    public record Offer(String productCode, String productName, Outcome outcome, EvaluatedDecision.Tier tier,
                        BigDecimal creditLimit, @JsonSerialize(using = Percent.class) BigDecimal annualRatePct, EvaluatedDecision.Guarantee guarantee,
                        ApprovalLevel approvalLevel, int validityMonths, List<Reason> reasons,
                        DecisionResponse.RuleSetRef ruleSet) {
    }
}

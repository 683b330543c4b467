package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.DecisionResult;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeTerms;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one request against a compiled rule set in a fresh session that is disposed
 * afterwards. Records the rules that fired, in firing order. Fails closed: a rule set that sets
 * no outcome or more than one, or fires more than {@link #maxFirings} rules, raises
 * {@link EvaluationException}.
 */
public final class DecisionEngine {
    /** Far above what the seed rule sets fire (about 20-30); a rule set past it is looping. */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    private final int maxFirings;

    public DecisionEngine() {
        this(DEFAULT_MAX_FIRINGS);
    }

    public DecisionEngine(int maxFirings) {
        this.maxFirings = maxFirings;
    }

    public EvaluatedDecision evaluate(CompiledRuleSet ruleSet, DecisionRequest request, BigDecimal lprPct) {
        List<Object> facts = FactMapper.facts(request, lprPct);
        DecisionResult result = new DecisionResult();
        List<String> fired = new ArrayList<>();
        KieSession session = ruleSet.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            facts.forEach(session::insert);
            session.insert(result);
            // the focus stack is last-in first-out: push the stages in reverse
            for (int i = Stages.ORDER.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(Stages.ORDER.get(i)).setFocus();
            }
            int firings = session.fireAllRules(maxFirings + 1);
            if (firings > maxFirings) {
                throw new EvaluationException("rule set " + ruleSet.sha256() + " fired more than " + maxFirings
                        + " rules for one decision: it is looping");
            }
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException("rule set " + ruleSet.sha256() + " failed during evaluation: " + e.getMessage(), e);
        } finally {
            session.dispose();
        }
        if (result.outcomesSet() != 1) {
            throw new EvaluationException("rule set " + ruleSet.sha256() + " set " + result.outcomesSet()
                    + " outcomes instead of exactly one; rules fired: " + fired);
        }
        if (result.getValidityMonths() == null) {
            throw new EvaluationException("rule set " + ruleSet.sha256() + " set no validityMonths");
        }
        GuaranteeTerms g = result.getGuarantee();
        return new EvaluatedDecision(
                result.getOutcome(),
                result.getTierCode() == null ? null : new EvaluatedDecision.Tier(result.getTierCode(), result.getTierLabel()),
                result.getCreditLimit(),
                result.getAnnualRatePct(),
                new EvaluatedDecision.Guarantee(g.isRequired(), g.getAcceptableTypes(), g.getSecuredBy()),
                result.getApprovalLevel(),
                result.getValidityMonths(),
                lprPct,
                result.getReasons(),
                List.copyOf(fired));
    }
}

package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.DecisionResult;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeTerms;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates one request against a compiled rule set in a fresh session that is disposed
 * afterwards. Records the rules that fired, in firing order. Fails closed: a rule set that sets
 * no outcome or more than one, fires more than {@link #maxFirings} rules, or runs longer than
 * {@link #maxDuration}, raises {@link EvaluationException} (its {@link EvaluationException#kind()}
 * says which).
 *
 * <p>Both caps bound a rule set that loops through re-activation. The time is measured here with
 * {@link System#nanoTime()} (rules never read the clock) and checked before each firing: when it
 * is past the cap the session is halted, so at most the firing already under way completes. A
 * single consequence or condition that runs long on its own is not interrupted; that is why the
 * rule sandbox ({@code cn.ruralcredit.loanfactory.rules.sandbox.RuleSandbox}) refuses loops and
 * recursion in rule code, leaving iteration to patterns, which go through the agenda.
 */
public final class DecisionEngine {
    /** Far above what the seed rule sets fire (about 20-30); a rule set past it is looping. */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;
    /** Far above what a seed decision takes (milliseconds); a rule set past it is looping or too slow. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(2);

    private final int maxFirings;
    private final Duration maxDuration;

    public DecisionEngine() {
        this(DEFAULT_MAX_FIRINGS, DEFAULT_MAX_DURATION);
    }

    public DecisionEngine(int maxFirings) {
        this(maxFirings, DEFAULT_MAX_DURATION);
    }

    /**
     * @param maxFirings  the firing cap, 1 to {@code Integer.MAX_VALUE - 1} (one more firing is
     *                    allowed to detect that the cap was passed)
     * @param maxDuration the time cap of one evaluation, positive
     */
    public DecisionEngine(int maxFirings, Duration maxDuration) {
        if (maxFirings < 1 || maxFirings == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFirings must be between 1 and Integer.MAX_VALUE - 1: " + maxFirings);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isZero() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
        }
        this.maxFirings = maxFirings;
        this.maxDuration = maxDuration;
    }

    public int maxFirings() {
        return maxFirings;
    }

    public Duration maxDuration() {
        return maxDuration;
    }

    public EvaluatedDecision evaluate(CompiledRuleSet ruleSet, DecisionRequest request, BigDecimal lprPct) {
        List<Object> facts = FactMapper.facts(request, lprPct);
        DecisionResult result = new DecisionResult();
        List<String> fired = new ArrayList<>();
        TimeCap timeCap = new TimeCap(maxDuration);
        KieSession session = ruleSet.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    if (timeCap.passed()) event.getKieRuntime().halt();
                }

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
            if (timeCap.hit()) {
                throw new EvaluationException(EvaluationException.Kind.TIME_CAP, "rule set " + ruleSet.sha256()
                        + " ran past the time cap of " + maxDuration.toMillis() + " ms for one decision after "
                        + firings + " rule firings: it is looping or too slow");
            }
            if (firings > maxFirings) {
                throw new EvaluationException(EvaluationException.Kind.FIRING_CAP, "rule set " + ruleSet.sha256()
                        + " fired more than " + maxFirings + " rules for one decision: it is looping");
            }
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException(EvaluationException.Kind.RULE_ERROR,
                    "rule set " + ruleSet.sha256() + " failed during evaluation: " + e.getMessage(), e);
        } finally {
            session.dispose();
        }
        if (result.outcomesSet() != 1) {
            throw new EvaluationException(EvaluationException.Kind.OUTCOME_COUNT, "rule set " + ruleSet.sha256()
                    + " set " + result.outcomesSet() + " outcomes instead of exactly one; rules fired: " + fired);
        }
        if (result.getValidityMonths() == null) {
            throw new EvaluationException(EvaluationException.Kind.MISSING_VALIDITY,
                    "rule set " + ruleSet.sha256() + " set no validityMonths");
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

    /** The time cap of one evaluation, started when the evaluation starts; one thread only. */
    private static final class TimeCap {
        private final long start = System.nanoTime();
        private final long maxNanos;
        private boolean hit;

        TimeCap(Duration maxDuration) {
            this.maxNanos = saturatedNanos(maxDuration);
        }

        /** Whether the cap is passed now; once it is, {@link #hit()} stays true. */
        boolean passed() {
            if (!hit && System.nanoTime() - start > maxNanos) hit = true;
            return hit;
        }

        boolean hit() {
            return hit;
        }

        private static long saturatedNanos(Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }
}

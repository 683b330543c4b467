package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.Outcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine fails closed: no outcome, two outcomes or a loop is an error, never an approval. */
class DecisionEngineTest {
    private static final BigDecimal LPR = new BigDecimal("3.00");
    private static final String HEADER = """
            package cn.ruralcredit.loanfactory.rules.test;
            import cn.ruralcredit.loanfactory.rules.model.*;
            import java.util.List;
            """;
    private static final String TERMS = """
            rule "TEST: lines valid 12 months"
                ruleflow-group "terms"
            when
            then
                insert( new ApprovalTerms( "100000", 12 ) );
            end
            """;
    private static final String DECLINE_ALL = """
            rule "TEST: decline everyone"
                ruleflow-group "outcome"
            when
                $r : DecisionResult()
            then
                $r.setValidityMonths( 12 );
                $r.decline( List.of( new Decline( "SCORE_TOO_LOW", "test" ) ) );
            end
            """;

    private static CompiledRuleSet compile(String... rules) {
        return new RuleCompiler().compile(new RuleSetSource(Map.of("TEST/rules.drl", HEADER + String.join("\n", rules))));
    }

    private static EvaluatedDecision evaluate(CompiledRuleSet rs) {
        return new DecisionEngine(500).evaluate(rs, TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR);
    }

    @Test
    void shouldRecordTheRulesThatFiredInFiringOrder() {
        EvaluatedDecision d = evaluate(compile(TERMS, DECLINE_ALL));
        assertEquals(Outcome.DECLINED, d.outcome());
        assertEquals(List.of("TEST: lines valid 12 months", "TEST: decline everyone"), d.firedRules());
    }

    @Test
    void shouldRefuseADecisionWithoutLineValidity() {
        String noValidity = DECLINE_ALL.replace("$r.setValidityMonths( 12 );", "");
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, noValidity)));
        assertTrue(e.getMessage().contains("validityMonths"), e.getMessage());
    }

    @Test
    void shouldRefuseARuleSetThatSetsNoOutcome() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS)));
        assertTrue(e.getMessage().contains("0 outcomes"), e.getMessage());
    }

    @Test
    void shouldRefuseARuleSetThatSetsTwoOutcomes() {
        String second = DECLINE_ALL.replace("TEST: decline everyone", "TEST: decline everyone again");
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, DECLINE_ALL, second)));
        assertTrue(e.getMessage().contains("2 outcomes"), e.getMessage());
    }

    @Test
    void shouldStopARuleSetThatLoops() {
        String loop = """
                rule "TEST: loop forever"
                    ruleflow-group "scoring"
                when
                    $p : ScorePart()
                then
                    delete( $p );
                    insert( new ScorePart( "again", 1 ) );
                end
                rule "TEST: start the loop"
                    ruleflow-group "terms"
                when
                then
                    insert( new ScorePart( "first", 1 ) );
                end
                """;
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, DECLINE_ALL, loop)));
        assertTrue(e.getMessage().contains("looping"), e.getMessage());
    }

    @Test
    void shouldWrapAFailingRuleAsAnEvaluationError() {
        String failing = """
                rule "TEST: divide by zero"
                    ruleflow-group "eligibility"
                when
                    Applicant( $i : annualIncome )
                then
                    $i.divide( java.math.BigDecimal.ZERO );
                end
                """;
        assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, DECLINE_ALL, failing)));
    }
}

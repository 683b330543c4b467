package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;

import cn.ruralcredit.loanfactory.rules.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine fails closed: no outcome, two outcomes, a loop (firing cap) or a run past the time
 * cap is an error, never an approval. Tests that loop carry a {@link Timeout} so that a cap that
 * stops working fails the test instead of hanging the build.
 */
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

    /** Re-activates itself: it matches on validityMonths and modifies it, without no-loop. */
    private static final String MODIFY_LOOP = """
            rule "TEST: modify the result it matches, without no-loop"
                ruleflow-group "scoring"
            when
                $r : DecisionResult( validityMonths == null || validityMonths >= 0 )
            then
                modify( $r ) { setValidityMonths( 12 ) }
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

    /**
     * Sessions are pooled per rule set and reset between decisions: nothing of one decision (facts,
     * fired rules, a halt at a cap) reaches the next, whatever ran before on the same session.
     */
    @Test
    @Timeout(60)
    void shouldCarryNothingFromOneDecisionToTheNextOnAPooledSession() {
        CompiledRuleSet seed = new RuleCompiler().compile(cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets.ruleSet("FUNONG"));
        DecisionEngine engine = new DecisionEngine(500);
        var approved = TestRequests.farmer(LocalDate.of(2025, 11, 21));
        EvaluatedDecision first = engine.evaluate(seed, approved, LPR);
        for (int i = 0; i < 50; i++) {
            assertEquals(first, engine.evaluate(seed, approved, LPR), "decision " + i + " on a reused session");
        }
        // a rule set whose decisions fail at the firing cap, then a clean one on the same rule set's pool
        CompiledRuleSet looping = compile(TERMS, DECLINE_ALL, MODIFY_LOOP);
        CompiledRuleSet plain = compile(TERMS, DECLINE_ALL);
        for (int i = 0; i < 5; i++) {
            assertEquals(EvaluationException.Kind.FIRING_CAP,
                    assertThrows(EvaluationException.class, () -> engine.evaluate(looping, approved, LPR)).kind());
            EvaluatedDecision d = engine.evaluate(plain, approved, LPR);
            assertEquals(List.of("TEST: lines valid 12 months", "TEST: decline everyone"), d.firedRules());
        }
        assertEquals(first, engine.evaluate(seed, approved, LPR));
        engine.close();
    }

    @Test
    void shouldRefuseADecisionWithoutLineValidity() {
        String noValidity = DECLINE_ALL.replace("$r.setValidityMonths( 12 );", "");
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, noValidity)));
        assertEquals(EvaluationException.Kind.MISSING_VALIDITY, e.kind());
        assertTrue(e.getMessage().contains("validityMonths"), e.getMessage());
    }

    @Test
    void shouldRefuseARuleSetThatSetsNoOutcome() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS)));
        assertEquals(EvaluationException.Kind.OUTCOME_COUNT, e.kind());
        assertTrue(e.getMessage().contains("0 outcomes"), e.getMessage());
    }

    @Test
    void shouldRefuseARuleSetThatSetsTwoOutcomes() {
        String second = DECLINE_ALL.replace("TEST: decline everyone", "TEST: decline everyone again");
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, DECLINE_ALL, second)));
        assertEquals(EvaluationException.Kind.OUTCOME_COUNT, e.kind());
        assertTrue(e.getMessage().contains("2 outcomes"), e.getMessage());
    }

    @Test
    @Timeout(30)
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
        assertEquals(EvaluationException.Kind.FIRING_CAP, e.kind());
        assertTrue(e.getMessage().contains("looping"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldStopARuleThatReactivatesItselfAtTheFiringCap() {
        CompiledRuleSet rs = compile(TERMS, DECLINE_ALL, MODIFY_LOOP);
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(rs));
        assertEquals(EvaluationException.Kind.FIRING_CAP, e.kind());
        assertEquals("rule set " + rs.sha256() + " fired more than 500 rules for one decision: it is looping",
                e.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldStopALoopAtTheTimeCapWhenTheFiringCapIsOutOfReach() {
        CompiledRuleSet rs = compile(TERMS, DECLINE_ALL, MODIFY_LOOP);
        DecisionEngine engine = new DecisionEngine(Integer.MAX_VALUE - 1, Duration.ofMillis(200));
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> engine.evaluate(rs, TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR));
        assertEquals(EvaluationException.Kind.TIME_CAP, e.kind());
        assertTrue(e.getMessage().startsWith("rule set " + rs.sha256() + " ran past the time cap of 200 ms for one decision after "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" rule firings: it is looping or too slow"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void shouldStopAnInsertLoopAtTheTimeCapToo() {
        String loop = """
                rule "TEST: insert a score part for every score part"
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
        CompiledRuleSet rs = compile(TERMS, DECLINE_ALL, loop);
        EvaluationException e = assertThrows(EvaluationException.class, () -> new DecisionEngine(Integer.MAX_VALUE - 1,
                Duration.ofMillis(200)).evaluate(rs, TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR));
        assertEquals(EvaluationException.Kind.TIME_CAP, e.kind());
    }

    @Test
    @Timeout(30)
    void shouldFailClosedOnAStackOverflowInARule() {
        // the guard refuses recursion it can see; a declared fact that contains itself overflows in its
        // generated toString, through the JDK, where no check can see a cycle
        String overflow = SlowRules.STACK_OVERFLOW;
        CompiledRuleSet rs = compile(TERMS, DECLINE_ALL, overflow);
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(rs));
        assertEquals(EvaluationException.Kind.RULE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("java.lang.StackOverflowError"), e.getMessage());
        // the rule thread is free again: the next decision is made normally
        assertEquals(Outcome.DECLINED, evaluate(compile(TERMS, DECLINE_ALL)).outcome());
    }

    @Test
    @Timeout(30)
    void shouldAnswerAtTheCapWhenOneConsequenceRunsOnAndKeepDeciding() {
        String slow = SlowRules.exponentialFunctions(36) + """
                rule "TEST: two to the thirty-sixth calls in one consequence"
                    ruleflow-group "scoring"
                when
                then
                    java.math.BigDecimal calls = f0( java.math.BigDecimal.ZERO );
                end
                """;
        CompiledRuleSet rs = compile(TERMS, DECLINE_ALL, slow);
        DecisionEngine engine = new DecisionEngine(500, Duration.ofMillis(300));
        long started = System.nanoTime();
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> engine.evaluate(rs, TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(EvaluationException.Kind.TIME_CAP, e.kind());
        assertTrue(e.getMessage().contains("failed closed at the cap"), e.getMessage());
        // the caller got its answer at the cap (300 ms + 100 ms grace), not when the thread came back
        assertTrue(tookMs >= 300 && tookMs < 2_000, tookMs + " ms");
        assertEquals(1, engine.overdueThreads());
        // another rule thread serves the next decision while the stuck one runs on
        assertEquals(Outcome.DECLINED, engine.evaluate(compile(TERMS, DECLINE_ALL),
                TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR).outcome());
    }

    @Test
    void shouldDecideNormallyWithBothCapsSet() {
        DecisionEngine engine = new DecisionEngine(10, Duration.ofSeconds(30));
        EvaluatedDecision d = engine.evaluate(compile(TERMS, DECLINE_ALL), TestRequests.farmer(LocalDate.of(2025, 11, 21)), LPR);
        assertEquals(Outcome.DECLINED, d.outcome());
    }

    @Test
    void shouldDefaultToTenThousandFiringsAndTwoSeconds() {
        assertEquals(10_000, new DecisionEngine().maxFirings());
        assertEquals(Duration.ofSeconds(2), new DecisionEngine().maxDuration());
        assertEquals(Duration.ofSeconds(2), new DecisionEngine(500).maxDuration());
        assertEquals(500, new DecisionEngine(500).maxFirings());
    }

    @Test
    void shouldRefuseCapsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionEngine(0));
        assertThrows(IllegalArgumentException.class, () -> new DecisionEngine(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new DecisionEngine(100, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DecisionEngine(100, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> new DecisionEngine(100, null));
    }

    @Test
    void shouldKeepTheKindlessConstructorsUnspecified() {
        assertEquals(EvaluationException.Kind.UNSPECIFIED, new EvaluationException("x").kind());
        EvaluationException withCause = new EvaluationException("x", new IllegalStateException("y"));
        assertEquals(EvaluationException.Kind.UNSPECIFIED, withCause.kind());
        assertEquals("y", withCause.getCause().getMessage());
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
        EvaluationException e = assertThrows(EvaluationException.class, () -> evaluate(compile(TERMS, DECLINE_ALL, failing)));
        assertEquals(EvaluationException.Kind.RULE_ERROR, e.kind());
        assertTrue(e.getCause() != null, "the rule's own failure is attached");
    }
}

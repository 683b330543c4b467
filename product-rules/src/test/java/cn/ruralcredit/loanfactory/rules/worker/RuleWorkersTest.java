package cn.ruralcredit.loanfactory.rules.worker;

import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.compile.ValidationProblem;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unreviewed rule sets run in a worker process: what would take a service thread, its heap or a
 * core with it (a hang, an exhausted heap, a stack overflow) takes only the worker, which is
 * replaced, and the work fails closed.
 */
@Timeout(120)
class RuleWorkersTest {
    private static final BigDecimal LPR = new BigDecimal("3.00");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RuleWorkers workers;
    private static JsonNode farmer;

    @BeforeAll
    static void startWorkers() {
        workers = new RuleWorkers(new WorkerSettings(WorkerSettings.defaultClassPath(), 128, 1, 10_000,
                Duration.ofSeconds(2), Duration.ofSeconds(60)));
        farmer = SeedScenarios.file("FUNONG", "01-api-example.json").scenario().request();
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    private static RuleSetSource funongWith(String rule) {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put("FUNONG/attack.drl", """
                package cn.ruralcredit.loanfactory.rules.funong;
                import cn.ruralcredit.loanfactory.rules.model.*;
                """ + rule);
        return new RuleSetSource(files);
    }

    @Test
    void shouldDecideInTheWorkerAsInTheService() {
        RuleSetSource funong = SeedRuleSets.ruleSet("FUNONG");
        EvaluatedDecision inWorker = workers.with(WAIT, w -> w.evaluate(funong, farmer, null, LPR));
        EvaluatedDecision inService = new DecisionEngine().evaluate(new RuleCompiler().compile(funong),
                DecisionRequestReader.read(farmer, null), LPR);
        assertEquals(inService, inWorker);
    }

    @Test
    void shouldValidateInTheWorkerWithTheGuard() {
        List<ValidationProblem> problems = workers.with(WAIT, w -> w.validate(funongWith("""
                rule "FUNONG: exec"
                    ruleflow-group "scoring"
                when
                then
                    java.lang.Runtime.getRuntime().exec( "id" );
                end
                """)));
        assertEquals(List.of("SANDBOX FUNONG/attack.drl:7:"), problems.stream().map(p -> p.kind() + " " + p.file() + ":" + p.line() + ":")
                .distinct().toList());
        assertEquals(List.of(), workers.with(WAIT, w -> w.validate(SeedRuleSets.ruleSet("FUNONG"))));
    }

    @Test
    void shouldLoseOnlyTheWorkerWhenARuleExhaustsTheHeap() {
        // straight-line doubling: no loop for the guard to refuse, 2^40 characters for the heap
        StringBuilder doubling = new StringBuilder("String s = \"xxxxxxxx\";\n");
        for (int i = 0; i < 40; i++) doubling.append("    s = s + s;\n");
        RuleSetSource hungry = funongWith("rule \"FUNONG: double a string forty times\"\n    ruleflow-group \"scoring\"\nwhen\nthen\n    "
                + doubling + "end\n");
        AtomicLong pid = new AtomicLong();
        // the heap runs out (the worker exits) or, on a busy machine, the cap comes first (the worker leaves after answering)
        RuntimeException e = assertThrows(RuntimeException.class, () -> workers.with(WAIT, w -> {
            pid.set(w.pid());
            return w.evaluate(hungry, farmer, null, LPR);
        }));
        assertTrue(e instanceof WorkerFailedException && e.getMessage().contains("out of memory")
                || e instanceof EvaluationException ee && ee.kind() == EvaluationException.Kind.TIME_CAP, e.toString());
        // the next work gets a fresh worker and a normal answer
        long next = workers.with(WAIT, RuleWorker::pid);
        assertNotEquals(pid.get(), next);
        assertEquals("APPROVED", workers.with(WAIT, w -> w.evaluate(SeedRuleSets.ruleSet("FUNONG"), farmer, null, LPR))
                .outcome().name());
    }

    @Test
    void shouldFailAHangClosedAtTheCapAndReplaceTheWorker() {
        String functions = cn.ruralcredit.loanfactory.rules.engine.SlowRules.exponentialFunctions(40);
        RuleSetSource slow = funongWith(functions + """
                rule "FUNONG: two to the fortieth calls"
                    ruleflow-group "scoring"
                when
                then
                    java.math.BigDecimal n = f0( java.math.BigDecimal.ZERO );
                end
                """);
        long started = System.nanoTime();
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> workers.with(WAIT, w -> w.evaluate(slow, farmer, null, LPR)));
        assertEquals(EvaluationException.Kind.TIME_CAP, e.kind());
        // compile in the worker plus the 2 s cap; far less than the 2^40 calls would take
        assertTrue((System.nanoTime() - started) / 1_000_000 < 30_000);
        assertEquals("APPROVED", workers.with(WAIT, w -> w.evaluate(SeedRuleSets.ruleSet("FUNONG"), farmer, null, LPR))
                .outcome().name());
    }

    @Test
    void shouldFailAStackOverflowClosed() {
        RuleSetSource overflow = funongWith(cn.ruralcredit.loanfactory.rules.engine.SlowRules.STACK_OVERFLOW);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> workers.with(WAIT, w -> w.evaluate(overflow, farmer, null, LPR)));
        assertEquals(EvaluationException.Kind.RULE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("StackOverflowError"), e.getMessage());
    }

    @Test
    void shouldKeepTheServiceEnvironmentFromTheWorker() {
        // the worker's environment is empty but for LANG: a rule could not read a seal key even if it got past the guard
        RuleWorker w = new RuleWorker(workers.settings());
        try {
            assertTrue(ProcessHandle.of(w.pid()).isPresent());
            w.validate(SeedRuleSets.ruleSet("FUNONG"));
            String environ = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + childJavaPid(w) + "/environ")));
            assertEquals("LANG=C.UTF-8\0", environ);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            w.close();
        }
    }

    /** The java process: the worker's pid itself, or its child when it was started through nice (which execs, so the same). */
    private static long childJavaPid(RuleWorker w) {
        return w.pid();
    }
}

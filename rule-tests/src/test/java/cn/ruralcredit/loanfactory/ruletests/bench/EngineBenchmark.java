package cn.ruralcredit.loanfactory.ruletests.bench;

import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenario;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine per product on a mixed case set: every seed scenario of the product (approved,
 * declined at stage A, referred, every tier), evaluated in turn as the service evaluates them
 * (fresh session, all stages, the full fired-rule trace, on a rule thread under the time cap).
 * Sample mode, so that the report has the median (p0.50) beside the mean. {@code ./bench} runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    @Param({"FUNONG", "FUSHANG", "FUXIN", "FUMIN", "XIANGQING", "XSM_CHUANGYE"})
    public String product;

    private DecisionEngine engine;
    private CompiledRuleSet ruleSet;
    private DecisionRequest[] cases;
    private BigDecimal[] lpr;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new DecisionEngine();
        ruleSet = new RuleCompiler().compile(SeedRuleSets.ruleSet(product));
        LprSchedule schedule = LprSchedule.seed();
        List<DecisionRequest> requests = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        for (SeedScenario s : SeedScenarios.of(product)) {
            if (s.scenario().request() == null || !s.scenario().request().hasNonNull("asOfDate")) continue;
            DecisionRequest r = DecisionRequestReader.read(s.scenario().request(), null);
            BigDecimal rate = schedule.rateOn(r.asOfDate()).orElse(null);
            if (rate == null) continue;
            requests.add(r);
            rates.add(rate);
        }
        cases = requests.toArray(DecisionRequest[]::new);
        lpr = rates.toArray(BigDecimal[]::new);
        if (cases.length == 0) throw new IllegalStateException("no seed scenarios of " + product);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public EvaluatedDecision evaluateMixedCases() {
        int i = next;
        next = i + 1 == cases.length ? 0 : i + 1;
        return engine.evaluate(ruleSet, cases[i], lpr[i]);
    }
}

package cn.ruralcredit.loanfactory.ruletests.bench;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * In-process cost of one decision with the seed rule sets: a fresh session, facts in, all stages
 * fired, session disposed; and the same with JSON parsing and request validation in front.
 * {@code ./bench} runs {@link EngineBenchmark} (every product, mixed cases); this one runs with the same class
 * path: {@code java -cp rule-tests/target/test-classes:$(cat rule-tests/target/bench.classpath) org.openjdk.jmh.Main DecisionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {
    private static final BigDecimal LPR = new BigDecimal("3.00");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionEngine engine = new DecisionEngine();
    private CompiledRuleSet funong;
    private CompiledRuleSet fushang;
    private DecisionRequest approved;
    private DecisionRequest declined;
    private DecisionRequest fushangReferred;
    private String approvedJson;

    @Setup
    public void setUp() throws IOException {
        RuleCompiler compiler = new RuleCompiler();
        funong = compiler.compile(SeedRuleSets.ruleSet("FUNONG"));
        fushang = compiler.compile(SeedRuleSets.ruleSet("FUSHANG"));
        approvedJson = request("FUNONG", "01-api-example.json").toString();
        approved = DecisionRequestReader.read(JSON.readTree(approvedJson), null);
        declined = DecisionRequestReader.read(request("FUNONG", "18-decline-all-stage-a-together.json"), null);
        fushangReferred = DecisionRequestReader.read(request("FUSHANG", "05-s3-revenue-at-2000000-guarantor-referred.json"), null);
    }

    private static JsonNode request(String productCode, String fileName) {
        return SeedScenarios.file(productCode, fileName).scenario().request();
    }

    @Benchmark
    public EvaluatedDecision funongApproved() {
        return engine.evaluate(funong, approved, LPR);
    }

    @Benchmark
    public EvaluatedDecision funongDeclinedAtStageA() {
        return engine.evaluate(funong, declined, LPR);
    }

    @Benchmark
    public EvaluatedDecision fushangReferredWithPricingLevers() {
        return engine.evaluate(fushang, fushangReferred, LPR);
    }

    @Benchmark
    public EvaluatedDecision parseValidateAndDecide() throws IOException {
        return engine.evaluate(funong, DecisionRequestReader.read(JSON.readTree(approvedJson), null), LPR);
    }
}

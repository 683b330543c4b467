package cn.ruralcredit.loanfactory.rules.scenario;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.Evaluator;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.model.Reason;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult.Difference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Runs scenario cases against a compiled rule set, as the JUnit suites and the publish gate do.
 * Each case's request must carry {@code asOfDate}; the LPR comes from the given schedule.
 * Numbers compare by value (5.2 equals 5.20), {@code acceptableTypes} as a set, {@code reasons}
 * as an ordered list of codes, {@code tier} by its code.
 */
public final class ScenarioRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionEngine engine;
    private final LprSchedule lpr;

    public ScenarioRunner(DecisionEngine engine, LprSchedule lpr) {
        this.engine = engine;
        this.lpr = lpr;
    }

    public ScenarioResult run(CompiledRuleSet ruleSet, Scenario scenario) {
        return run(scenario, Evaluator.inProcess(engine, ruleSet));
    }

    /**
     * Runs one case with {@code evaluator}, twice: a case whose two evaluations differ in any field
     * or in the rules fired fails, since a decision that cannot be reproduced cannot be replayed.
     */
    public ScenarioResult run(Scenario scenario, Evaluator evaluator) {
        DecisionRequest request;
        EvaluatedDecision decision;
        try {
            if (scenario.request() == null || !scenario.request().hasNonNull("asOfDate")) {
                return failed(scenario, "request.asOfDate", "a scenario request with asOfDate", "none");
            }
            request = DecisionRequestReader.read(scenario.request(), null);
            BigDecimal lprPct = lpr.rateOn(request.asOfDate()).orElse(null);
            if (lprPct == null) return failed(scenario, "lprPct", "an LPR in force", "none on " + request.asOfDate());
            decision = evaluator.evaluate(scenario.request(), request, lprPct);
            EvaluatedDecision again = evaluator.evaluate(scenario.request(), request, lprPct);
            if (!decision.equals(again)) {
                return new ScenarioResult(scenario.name(), List.of(new Difference("determinism",
                        "the same decision on a second evaluation: " + actualFields(decision) + " fired " + decision.firedRules(),
                        actualFields(again) + " fired " + again.firedRules())), decision.firedRules());
            }
        } catch (RuntimeException e) {
            return failed(scenario, "evaluation", "a decision", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Difference> differences = new ArrayList<>();
        JsonNode actual = actualFields(decision);
        JsonNode expected = scenario.expected() == null ? JSON.createObjectNode() : scenario.expected();
        expected.fieldNames().forEachRemaining(field -> {
            JsonNode e = expected.get(field);
            JsonNode a = actual.get(field);
            if (!sameValue(field, e, a)) differences.add(new Difference(field, String.valueOf(e), String.valueOf(a)));
        });
        if (scenario.firedRules() != null) {
            for (JsonNode rule : scenario.firedRules()) {
                if (!decision.firedRules().contains(rule.asText())) {
                    differences.add(new Difference("firedRules", rule.asText(), "not fired"));
                }
            }
        }
        return new ScenarioResult(scenario.name(), differences, decision.firedRules());
    }

    /** The decision fields in the scenario file's form: tier as its code, reasons as codes. */
    public static JsonNode actualFields(EvaluatedDecision d) {
        var node = JSON.createObjectNode();
        node.put("outcome", d.outcome().name());
        node.put("tier", d.tier() == null ? null : d.tier().code());
        node.put("creditLimit", d.creditLimit());
        node.put("annualRatePct", d.annualRatePct());
        node.set("guarantee", JSON.valueToTree(d.guarantee()));
        node.put("approvalLevel", d.approvalLevel() == null ? null : d.approvalLevel().name());
        var reasons = node.putArray("reasons");
        d.reasons().stream().map(Reason::code).forEach(reasons::add);
        node.put("validityMonths", d.validityMonths());
        node.put("lprPct", d.lprPct());
        return node;
    }

    private static boolean sameValue(String field, JsonNode e, JsonNode a) {
        if (e == null || e.isNull()) return a == null || a.isNull();
        if (a == null || a.isNull()) return false;
        if (e.isNumber() && a.isNumber()) return e.decimalValue().compareTo(a.decimalValue()) == 0;
        if (field.equals("acceptableTypes") && e.isArray() && a.isArray()) return asSet(e).equals(asSet(a));
        if (e.isObject() && a.isObject()) {
            for (var it = e.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!sameValue(f, e.get(f), a.get(f))) return false;
            }
            return true;
        }
        if (e.isArray() && a.isArray()) {
            if (e.size() != a.size()) return false;
            for (int i = 0; i < e.size(); i++) {
                if (!sameValue(field, e.get(i), a.get(i))) return false;
            }
            return true;
        }
        return Objects.equals(e.asText(), a.asText()) && e.getNodeType() == a.getNodeType();
    }

    private static Set<String> asSet(JsonNode array) {
        return new HashSet<>(StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList());
    }

    private static ScenarioResult failed(Scenario s, String field, String expected, String actual) {
        return new ScenarioResult(s.name(), List.of(new Difference(field, expected, actual)), List.of());
    }
}

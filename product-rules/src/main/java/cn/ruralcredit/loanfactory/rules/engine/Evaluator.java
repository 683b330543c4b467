package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Evaluates one request with one rule set, wherever that rule set runs: in this JVM for a
 * reviewed version, in a rule worker process for one nobody has reviewed yet. Fails closed with
 * {@link EvaluationException} (or the worker's failure), never with a default decision.
 */
@FunctionalInterface
public interface Evaluator {
    /**
     * @param requestJson the request as JSON, for a worker that reads it again itself
     * @param request     the same request, already read and validated here
     */
    EvaluatedDecision evaluate(JsonNode requestJson, DecisionRequest request, BigDecimal lprPct);

    /** Evaluates in this JVM with {@code engine}. */
    static Evaluator inProcess(DecisionEngine engine, CompiledRuleSet ruleSet) {
        return (json, request, lprPct) -> engine.evaluate(ruleSet, request, lprPct);
    }
}

package cn.ruralcredit.loanfactory.decision.trial;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.offers.OffersService;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.Stages;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff try a decision, or 一选多 offers, without storing anything: the same validation, the
 * version in force on {@code asOfDate} and the LPR the channel path would use, and the answer the
 * channel would get, but no decision id, no row, no idempotency key (requestId is optional) and
 * {@code "stored": false} in the answer. The fired rules come also grouped by stage, in the order
 * the stages run.
 */
@ApplicationScoped
public class TrialService {
    /** Stands in for a requestId the staff member did not give; never stored. */
    static final String TRIAL_REQUEST_ID = "trial";

    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    DecisionEngine engine;
    @Inject
    OffersService offers;

    private record Prepared(CompiledRuleSet ruleSet, int version, BigDecimal lprPct) {
    }

    public ObjectNode decide(String body) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        DecisionRequest request = DecisionRequestReader.read(withRequestId(ApiJson.parse(body)), today).evaluatedOn(today);
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> {
            Product product = Product.findByCode(request.productCode())
                    .orElseThrow(() -> ProblemException.notFound("unknown productCode " + request.productCode()));
            RuleSetsInForce.InForce inForce = ruleSets.of(product, request.asOfDate())
                    .orElseThrow(() -> ProblemException.unprocessable("product " + product.code
                            + " has no published rule set in force on " + request.asOfDate()));
            return new Prepared(inForce.ruleSet(), inForce.version(), ruleSets.lprOn(request.asOfDate()));
        });
        EvaluatedDecision evaluated = engine.evaluate(prepared.ruleSet(), request, prepared.lprPct());
        DecisionResponse response = DecisionResponse.of(null, request,
                new DecisionResponse.RuleSetRef(prepared.version(), prepared.ruleSet().sha256()), prepared.lprPct(), evaluated,
                DecisionService.DECIDED_AT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        ObjectNode node = (ObjectNode) ApiJson.readStored(ApiJson.write(response));
        node.remove("decisionId");
        node.put("stored", false);
        node.set("firedRulesByStage", byStage(prepared.ruleSet(), evaluated.firedRules()));
        return node;
    }

    public ObjectNode offers(String body) {
        ObjectNode node = (ObjectNode) ApiJson.readStored(ApiJson.write(offers.offers(body)));
        node.put("stored", false);
        return node;
    }

    private static JsonNode withRequestId(JsonNode body) {
        if (body instanceof ObjectNode object && (!object.has("requestId") || object.get("requestId").isNull())) {
            object.put("requestId", TRIAL_REQUEST_ID);
        }
        return body;
    }

    /** [{stage, rules: [...]}] in the order the stages run; a rule outside every stage is under "other". */
    static ArrayNode byStage(CompiledRuleSet ruleSet, List<String> fired) {
        Map<String, String> stageOf = Stages.ofRules(ruleSet.kieBase());
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (String stage : Stages.ORDER) grouped.put(stage, new ArrayList<>());
        for (String name : fired) grouped.computeIfAbsent(stageOf.getOrDefault(name, "other"), s -> new ArrayList<>()).add(name);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        grouped.forEach((stage, rules) -> {
            if (rules.isEmpty()) return;
            ObjectNode s = out.addObject().put("stage", stage);
            rules.forEach(s.putArray("rules")::add);
        });
        return out;
    }
}

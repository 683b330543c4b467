package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleRunner;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.Evaluator;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Evaluates a stored decision's request again: with the rule set it was made with (replay), or
 * with another version (simulation). The request is the one stored as evaluated, with its
 * {@code asOfDate}; the LPR is the one recorded in the decision, not today's.
 */
@ApplicationScoped
public class Reevaluator {

    @Inject
    RuleRunner runner;

    /** A rule set version, its number, its content's sha256 and where its rules run. */
    public record Candidate(int version, String status, String sha256, Evaluator evaluator) {
    }

    /**
     * The version a decision was made with, found by its content sha256 whatever its status now
     * (a retired version still replays). Call within a transaction.
     */
    public Candidate recordedVersionOf(Decision decision) {
        Product product = Product.findByCode(decision.productCode).orElseThrow(() -> ProblemException.conflict(
                "decision " + decision.id + " names product " + decision.productCode + ", which is no longer in the catalog"));
        RuleSetVersion version = RuleSetVersion.withContent(product, decision.ruleSetSha256, decision.ruleSetVersion)
                .orElseThrow(() -> ProblemException.conflict("decision " + decision.id + " was made with rule set "
                        + decision.ruleSetSha256 + ", which is no longer in the catalog: it cannot be replayed"));
        return compiled(version);
    }

    /**
     * A version ready to evaluate: in this JVM when it was reviewed (compiled once into the cache),
     * in a rule worker otherwise. Call within a transaction.
     */
    public Candidate compiled(RuleSetVersion version) {
        Map<String, String> files = RuleSetFile.contentOf(version);
        return new Candidate(version.version, version.status, version.sha256,
                runner.evaluatorFor(version.status, version.sha256, () -> files));
    }

    /** The stored request of {@code decision}, as it was evaluated. */
    public static DecisionRequest requestOf(Decision decision) {
        return DecisionRequestReader.read(ApiJson.readStored(decision.requestJson), decision.asOfDate);
    }

    /**
     * The response {@code candidate} gives to the request of {@code decision}, with the decision's
     * id and time so that it compares field by field with the stored response. Evaluation faults
     * (firing or time cap, a rule error) are thrown, never turned into an outcome.
     */
    public JsonNode evaluate(Decision decision, Candidate candidate) {
        JsonNode requestJson = ApiJson.readStored(decision.requestJson);
        DecisionRequest request = DecisionRequestReader.read(requestJson, decision.asOfDate);
        EvaluatedDecision evaluated = candidate.evaluator().evaluate(requestJson, request, decision.lprPct);
        DecisionResponse response = DecisionResponse.of(decision.id, request,
                new DecisionResponse.RuleSetRef(candidate.version(), candidate.sha256()), decision.lprPct,
                evaluated, DecisionService.DECIDED_AT.format(decision.decidedAt));
        return ApiJson.readStored(ApiJson.write(response));
    }
}

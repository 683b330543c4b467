package cn.ruralcredit.loanfactory.ruletests;

import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which rules fire, in which order and how often: not only the end state. */
class FiredRulesTest {
    private static EvaluatedDecision decide(String productCode, JsonNode request) {
        var r = DecisionRequestReader.read(request, null);
        return new DecisionEngine().evaluate(SeedRuleBases.of(productCode), r,
                LprSchedule.seed().rateOn(r.asOfDate()).orElseThrow());
    }

    /** The request of a seed scenario, parsed anew on each call: free to change. */
    private static ObjectNode scenarioRequest(String productCode, String fileName) {
        return (ObjectNode) SeedScenarios.file(productCode, fileName).scenario().request();
    }

    private static Map<String, Long> counts(List<String> fired) {
        return fired.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void apiExampleFiresThePipelineInStageOrder() {
        EvaluatedDecision d = decide("FUNONG", scenarioRequest("FUNONG", "01-api-example.json"));
        assertEquals(List.of(
                "FUNONG: no guarantee up to 100,000",
                "FUNONG: any guarantee above 100,000 up to 500,000",
                "FUNONG: property mortgage or guarantee company above 500,000",
                "FUNONG: minimum line 10,000",
                "FUNONG: floor spread 1.00",
                "FUNONG: branch authority 300,000, lines valid 36 months",
                "FUNONG: serves farm households and agricultural entities aged up to 65",
                "common: age in range",
                "FUNONG: score 20 for net annual income of 50,000 to under 100,000",
                "FUNONG: score 25 for net assets of at least 500,000",
                "FUNONG: score 20 for no overdue in 24 months",
                "FUNONG: score 8 for an average deposit of 10,000 to under 50,000",
                "FUNONG: score 10 for a good village committee rating",
                "FUNONG: grade G4 when the score is at least 80",
                "common: limit is the cap, or the requested amount when lower, rounded down to thousands",
                "common: note a limit capped by the requested amount",
                "common: keep the limit when the offered guarantees satisfy its band",
                "common: no guarantee required within the no-guarantee band",
                "FUNONG: spread 2.20 for G4",
                "common: rate is the LPR plus the spread",
                "common: line validity of the product",
                "common: approve at the branch within its authority"),
                sortTermsFirst(d.firedRules()));
        assertTrue(counts(d.firedRules()).values().stream().allMatch(n -> n == 1), "every rule fires once: " + d.firedRules());
    }

    /** The terms rules have no conditions, so Drools may fire them in any order: compare them as a block. */
    private static List<String> sortTermsFirst(List<String> fired) {
        int terms = (int) fired.stream().takeWhile(n -> !n.startsWith("common:") && !n.contains("serves")).count();
        List<String> expectedTermsOrder = List.of(
                "FUNONG: no guarantee up to 100,000",
                "FUNONG: any guarantee above 100,000 up to 500,000",
                "FUNONG: property mortgage or guarantee company above 500,000",
                "FUNONG: minimum line 10,000",
                "FUNONG: floor spread 1.00",
                "FUNONG: branch authority 300,000, lines valid 36 months");
        assertEquals(Map.copyOf(counts(expectedTermsOrder)), Map.copyOf(counts(fired.subList(0, terms))));
        return java.util.stream.Stream.concat(expectedTermsOrder.stream(), fired.subList(terms, fired.size()).stream()).toList();
    }

    @Test
    void aStageADeclineFiresNoScoringGradingOrPricingRule() {
        ObjectNode request = scenarioRequest("FUNONG", "01-api-example.json");
        ((ObjectNode) request.get("applicant")).put("blacklisted", true);
        EvaluatedDecision d = decide("FUNONG", request);
        assertTrue(d.firedRules().contains("common: decline a blacklisted applicant"), d.firedRules().toString());
        assertTrue(d.firedRules().contains("common: declined for every decline reason found"), d.firedRules().toString());
        assertTrue(d.firedRules().stream().noneMatch(n -> n.contains(": score ") || n.contains(": grade ") || n.contains(": spread ")
                        || n.startsWith("common: limit") || n.startsWith("common: rate") || n.startsWith("common: approve")),
                d.firedRules().toString());
    }

    @Test
    void aDiamondEntityFiresOnlyTheHighestMatchingGradeRow() {
        ObjectNode request = scenarioRequest("FUNONG", "01-api-example.json");
        ObjectNode applicant = (ObjectNode) request.get("applicant");
        applicant.put("segment", "AGRI_ENTITY").put("annualRevenue", 3_000_000).put("avgDepositBalance12m", 50_000);
        EvaluatedDecision d = decide("FUNONG", request);
        List<String> grades = d.firedRules().stream().filter(n -> n.contains(": grade ")).toList();
        assertEquals(List.of("FUNONG: grade DIAMOND for an agricultural entity scoring at least 80 with revenue of at least 3,000,000"), grades);
    }

    @Test
    void theFloorRuleReplacesThePlainRateRule() {
        ObjectNode request = scenarioRequest("FUNONG", "01-api-example.json");
        request.put("productCode", "FUSHANG");
        ((ObjectNode) request.get("applicant")).put("segment", "MERCHANT").put("businessYears", 3)
                .put("annualRevenue", 1_000_000).put("avgDepositBalance12m", 200_000).put("eBankingProducts", 3);
        ((ObjectNode) request.get("application")).putArray("offeredGuarantees").add("MORTGAGE_PROPERTY");
        EvaluatedDecision d = decide("FUSHANG", request);
        Map<String, Long> counts = counts(d.firedRules());
        assertEquals(1L, counts.get("common: rate is the LPR plus the floor spread when the spread is below it"));
        assertTrue(!counts.containsKey("common: rate is the LPR plus the spread"), d.firedRules().toString());
        assertEquals(new java.math.BigDecimal("5.50"), d.annualRatePct());
    }
}

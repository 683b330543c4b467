package cn.ruralcredit.loanfactory.ruletests;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioRunner;
import cn.ruralcredit.loanfactory.ruletests.oracle.RandomApplicants;
import cn.ruralcredit.loanfactory.ruletests.oracle.SpecOracle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised agreement between the seed rule sets and an independent reference implementation
 * of PRODUCTS.md ({@link SpecOracle}): 1,500 valid requests per product, biased toward every
 * threshold of the document, each decided by both and compared field by field.
 */
class SpecOracleAgreementTest {
    /** Fixed by default so a failure reproduces; {@code -Doracle.seed=} / {@code -Doracle.cases=} widen a search. */
    private static final long SEED = Long.getLong("oracle.seed", 20251121L);
    private static final int CASES = Integer.getInteger("oracle.cases", 1500);
    private static final int SHOWN = 10;

    private final DecisionEngine engine = new DecisionEngine();
    private final LprSchedule lprSchedule = LprSchedule.seed();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FUNONG", "FUSHANG", "FUXIN", "FUMIN", "XIANGQING", "XSM_CHUANGYE"})
    void engineAgreesWithTheSpecOracle(String productCode) {
        CompiledRuleSet ruleSet = SeedRuleBases.of(productCode);
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> byField = new TreeMap<>();
        int failedCases = 0;
        for (ObjectNode request : RandomApplicants.generate(productCode, SEED, CASES)) {
            List<String> found = compare(ruleSet, request);
            if (!found.isEmpty()) {
                failedCases++;
                found.stream().skip(1).forEach(d -> byField.merge(d.substring(0, d.indexOf(':')), 1, Integer::sum));
                if (disagreements.size() < SHOWN) {
                    disagreements.add(String.join("\n      ", found) + "\n      request " + summary(request));
                }
            }
        }
        int failed = failedCases;
        assertTrue(failed == 0, () -> productCode + ": engine and spec oracle disagree on " + failed + " of " + CASES
                + " random requests; disagreements by field " + byField + "; first ones:\n  - "
                + String.join("\n  - ", disagreements));
    }

    /** The field-by-field differences between the engine's and the oracle's decision, as "field: ..." lines. */
    private List<String> compare(CompiledRuleSet ruleSet, ObjectNode request) {
        List<String> out = new ArrayList<>();
        LocalDate asOf = LocalDate.parse(request.path("asOfDate").asText());
        BigDecimal oracleLpr = SpecOracle.lprOn(asOf).orElseThrow();
        ObjectNode expected = SpecOracle.expected(request, oracleLpr);
        DecisionRequest parsed;
        try {
            parsed = DecisionRequestReader.read(request, null);
        } catch (InvalidRequestException e) {
            out.add("decision: none, the engine rejected the request");
            out.add("request: the engine rejected a valid request: " + e.errors());
            return out;
        }
        BigDecimal lpr = lprSchedule.rateOn(parsed.asOfDate()).orElse(null);
        if (lpr == null) {
            out.add("decision: none, no LPR");
            out.add("lprPct: oracle " + oracleLpr + ", engine schedule has no LPR on " + asOf);
            return out;
        }
        EvaluatedDecision decision = engine.evaluate(ruleSet, parsed, lpr);
        JsonNode actual = ScenarioRunner.actualFields(decision);
        for (String field : List.of("outcome", "tier", "approvalLevel", "guarantee.securedBy")) {
            text(out, field, at(expected, field), at(actual, field));
        }
        for (String field : List.of("creditLimit", "annualRatePct", "lprPct", "validityMonths")) {
            number(out, field, at(expected, field), at(actual, field));
        }
        if (at(expected, "guarantee.required").asBoolean() != at(actual, "guarantee.required").asBoolean()) {
            out.add("guarantee.required: oracle " + at(expected, "guarantee.required") + ", engine "
                    + at(actual, "guarantee.required"));
        }
        if (!texts(at(expected, "guarantee.acceptableTypes")).equals(texts(at(actual, "guarantee.acceptableTypes")))) {
            out.add("guarantee.acceptableTypes: oracle " + at(expected, "guarantee.acceptableTypes") + ", engine "
                    + at(actual, "guarantee.acceptableTypes"));
        }
        if (!reasonCodes(at(expected, "reasons")).equals(reasonCodes(at(actual, "reasons")))) {
            out.add("reasons: oracle " + reasonCodes(at(expected, "reasons")) + ", engine "
                    + reasonCodes(at(actual, "reasons")));
        }
        if (!out.isEmpty()) {
            out.add(0, "decision: oracle " + brief(expected) + " | engine " + brief(actual));
        }
        return out;
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static void text(List<String> out, String field, JsonNode expected, JsonNode actual) {
        String e = absent(expected) ? null : expected.isObject() ? expected.path("code").asText() : expected.asText();
        String a = absent(actual) ? null : actual.isObject() ? actual.path("code").asText() : actual.asText();
        if (e == null ? a != null : !e.equals(a)) {
            out.add(field + ": oracle " + e + ", engine " + a);
        }
    }

    private static void number(List<String> out, String field, JsonNode expected, JsonNode actual) {
        BigDecimal e = absent(expected) ? null : expected.decimalValue();
        BigDecimal a = absent(actual) ? null : actual.isNumber() ? actual.decimalValue() : new BigDecimal(actual.asText());
        boolean same = e == null ? a == null : a != null && e.compareTo(a) == 0;
        if (!same) {
            out.add(field + ": oracle " + (e == null ? null : e.toPlainString()) + ", engine "
                    + (a == null ? null : a.toPlainString()));
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    private static List<String> reasonCodes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(n -> codes.add(n.isObject() ? n.path("code").asText() : n.asText()));
        return codes;
    }

    private static String brief(JsonNode d) {
        return at(d, "outcome").asText() + " " + at(d, "tier").asText() + " limit " + at(d, "creditLimit")
                + " rate " + at(d, "annualRatePct") + " " + reasonCodes(at(d, "reasons"));
    }

    /** The request, compact: enough to reproduce the case by hand. */
    private static String summary(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        ObjectNode applicant = (ObjectNode) copy.path("applicant");
        applicant.remove(List.of("name", "phone"));
        copy.remove(List.of("channel", "productCode"));
        return copy.toString();
    }
}

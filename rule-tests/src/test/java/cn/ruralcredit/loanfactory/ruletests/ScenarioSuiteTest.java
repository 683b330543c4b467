package cn.ruralcredit.loanfactory.ruletests;

import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioRunner;
import cn.ruralcredit.loanfactory.rules.seed.SeedProduct;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenario;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every seed scenario file ({@code product-rules}' {@code seed-scenarios/<PRODUCT>/}, read
 * with {@link SeedScenarios}, as the decision service seeds its suites) against that product's
 * seed rule set: the golden cases product managers read, one JSON file per case.
 */
class ScenarioSuiteTest {
    private static final int MIN_CASES_PER_PRODUCT = 25;
    private final ScenarioRunner runner = new ScenarioRunner(new DecisionEngine(), LprSchedule.seed());

    static Stream<Arguments> scenarios() {
        return SeedRuleSets.PRODUCTS.stream().map(SeedProduct::code)
                .flatMap(code -> SeedScenarios.of(code).stream())
                .map(s -> Arguments.of(Named.of(s.path(), s)));
    }

    /** Named by its path, e.g. FUNONG/01-api-example.json. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioProducesTheExpectedDecision(SeedScenario seed) {
        String name = seed.path();
        Scenario scenario = seed.scenario();
        String productCode = seed.productCode();
        assertTrue(scenario.request().path("productCode").asText().equals(productCode),
                name + " must decide product " + productCode);
        ScenarioResult result = runner.run(SeedRuleBases.of(productCode), scenario);
        if (!result.passed()) {
            fail(name + " (" + scenario.description() + "):\n  " + String.join("\n  ",
                    result.differences().stream().map(Object::toString).toList()) + "\n  fired: " + result.firedRules());
        }
    }

    @Test
    void everyProductHasAtLeast25Cases() {
        for (SeedProduct p : SeedRuleSets.PRODUCTS) {
            int n = SeedScenarios.of(p.code()).size();
            assertTrue(n >= MIN_CASES_PER_PRODUCT, p.code() + " has " + n + " scenario files, fewer than " + MIN_CASES_PER_PRODUCT);
        }
    }
}

package cn.ruralcredit.loanfactory.ruletests;

import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioRunner;
import cn.ruralcredit.loanfactory.rules.seed.SeedProduct;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every scenario file under {@code scenarios/<PRODUCT>/} against that product's seed rule
 * set: the golden cases product managers read, one JSON file per case.
 */
class ScenarioSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_CASES_PER_PRODUCT = 25;
    private final ScenarioRunner runner = new ScenarioRunner(new DecisionEngine(), LprSchedule.seed());

    static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
        Path root = Path.of(ScenarioSuiteTest.class.getClassLoader().getResource("scenarios").toURI());
        return SeedRuleSets.PRODUCTS.stream().map(SeedProduct::code).flatMap(code -> files(root.resolve(code)).stream()
                .map(file -> Arguments.of(code, root.relativize(file).toString(), file)));
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("scenarios")
    void scenarioProducesTheExpectedDecision(String productCode, String name, Path file) throws IOException {
        Scenario scenario = Scenario.fromJson(name, JSON.readTree(file.toFile()));
        assertTrue(scenario.request().path("productCode").asText().equals(productCode),
                name + " must decide product " + productCode);
        ScenarioResult result = runner.run(SeedRuleBases.of(productCode), scenario);
        if (!result.passed()) {
            fail(name + " (" + scenario.description() + "):\n  " + String.join("\n  ",
                    result.differences().stream().map(Object::toString).toList()) + "\n  fired: " + result.firedRules());
        }
    }

    @Test
    void everyProductHasAtLeast25Cases() throws Exception {
        Path root = Path.of(ScenarioSuiteTest.class.getClassLoader().getResource("scenarios").toURI());
        for (SeedProduct p : SeedRuleSets.PRODUCTS) {
            int n = files(root.resolve(p.code())).size();
            assertTrue(n >= MIN_CASES_PER_PRODUCT, p.code() + " has " + n + " scenario files, fewer than " + MIN_CASES_PER_PRODUCT);
        }
    }
}

package cn.ruralcredit.loanfactory.rules.seed;

import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One seed scenario file of a seed product, as {@link SeedScenarios} reads it.
 *
 * @param productCode the seed product the case belongs to, e.g. {@code FUNONG}
 * @param fileName    the file name in the product's folder, e.g. {@code 01-api-example.json}: unique
 *                    within the product, and the order of the product's suite
 * @param scenario    the case, read with {@link Scenario#fromJson(String, JsonNode)} (the fallback
 *                    name, used only when the file has no {@code name}, is {@link #path()})
 * @param json        the whole file as parsed: {@code name}, {@code description}, {@code request},
 *                    {@code expected}, {@code firedRules} and any other field, to store the case as
 *                    it is written. {@code scenario}'s nodes are parts of this tree; every call of
 *                    {@link SeedScenarios} parses anew, so a caller may change what it gets.
 */
public record SeedScenario(String productCode, String fileName, Scenario scenario, JsonNode json) {

    /** {@code productCode/fileName}, e.g. {@code FUNONG/01-api-example.json}: the path below {@code seed-scenarios/}. */
    public String path() {
        return productCode + "/" + fileName;
    }
}

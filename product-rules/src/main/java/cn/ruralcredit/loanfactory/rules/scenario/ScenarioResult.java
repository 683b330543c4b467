package cn.ruralcredit.loanfactory.rules.scenario;

import java.util.List;

/** The outcome of running one scenario: passed when {@code differences} is empty. */
public record ScenarioResult(String name, List<Difference> differences, List<String> firedRules) {

    public boolean passed() {
        return differences.isEmpty();
    }

    /** One expected field the evaluation did not produce. */
    public record Difference(String field, String expected, String actual) {
        @Override
        public String toString() {
            return field + ": expected " + expected + " but was " + actual;
        }
    }
}

package cn.ruralcredit.loanfactory.rules.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One scenario case: a decision API request and the decision fields it must produce. As a file:
 * <pre>{ "name": "...", "description": "...", "request": { API request }, "expected": {
 *   "outcome", "tier" (code or null), "creditLimit", "annualRatePct", "guarantee",
 *   "approvalLevel", "reasons" (codes, in order), "validityMonths", "lprPct" },
 *   "firedRules": [ optional: names that must have fired ] }</pre>
 * Only the fields present under {@code expected} are checked.
 */
public record Scenario(String name, String description, JsonNode request, JsonNode expected, JsonNode firedRules) {

    public static Scenario fromJson(String fallbackName, JsonNode json) {
        String name = json.hasNonNull("name") ? json.get("name").asText() : fallbackName;
        String description = json.hasNonNull("description") ? json.get("description").asText() : "";
        return new Scenario(name, description, json.get("request"), json.get("expected"), json.get("firedRules"));
    }
}

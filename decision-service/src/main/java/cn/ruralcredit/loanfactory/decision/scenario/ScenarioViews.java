package cn.ruralcredit.loanfactory.decision.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A case of a product's scenario suite as the API shows it. {@code name} is the case's key in the
 * suite (a seed case's file name without {@code .json}); {@code title}, {@code description},
 * {@code request}, {@code expected} and {@code firedRules} are the scenario file format of
 * rule-tests, where {@code title} is the file's {@code name}.
 */
public final class ScenarioViews {
    private ScenarioViews() {
    }

    /** A new case, or the new content of one ({@code lockVersion} as last read, for an update). */
    public record CaseInput(String name, Long lockVersion, String title, String description, JsonNode request,
                            JsonNode expected, JsonNode firedRules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoredCase(String name, long lockVersion, Instant updatedAt, String updatedBy, String title,
                             String description, JsonNode request, JsonNode expected, JsonNode firedRules) {
    }
}

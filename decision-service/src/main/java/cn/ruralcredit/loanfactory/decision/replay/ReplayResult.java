package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.decision.platform.Percent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** A stored decision evaluated again with the rule set version and LPR recorded in it (API.md). */
@Schema(description = "The stored decision and its replay with the recorded rule set version (by sha256) and LPR")
public record ReplayResult(
        String decisionId,
        @Schema(description = "Whether every output field of the replay equals the stored response")
        boolean match,
        @Schema(description = "The response as stored")
        JsonNode original,
        @Schema(description = "The response the recorded rule set gives today to the stored request")
        JsonNode replayed,
        @Schema(description = "Every output field that differs; empty when match")
        List<Difference> differences,
        @Schema(description = "The version replayed, with its status now (a retired version still replays)")
        RuleSetUsed ruleSet,
        @JsonSerialize(using = Percent.class) BigDecimal lprPct,
        @Schema(description = "The Drools version recorded with the decision and the one that replayed it")
        EngineVersions engineVersion,
        String replayedAt) {

    public record RuleSetUsed(int version, String sha256, String status) {
    }

    public record EngineVersions(String recorded, String replayed) {
    }
}

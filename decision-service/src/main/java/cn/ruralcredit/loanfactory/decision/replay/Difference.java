package cn.ruralcredit.loanfactory.decision.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One output field of a decision that differs between two evaluations of the same request. */
@Schema(description = "An output field that differs: its path (e.g. creditLimit, tier.code) and both values")
public record Difference(String field, JsonNode original, JsonNode replayed) {
}

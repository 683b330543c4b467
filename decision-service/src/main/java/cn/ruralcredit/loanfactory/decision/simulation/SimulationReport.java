package cn.ruralcredit.loanfactory.decision.simulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a candidate version would have done to the stored decisions of its product: written on the
 * job when the simulation is DONE ({@code background_job.report}), computed from its items.
 * "Before" is the stored decision; "after" is the candidate's decision on the same request, with
 * the request's original asOfDate and the LPR the decision recorded.
 */
@Schema(description = "The impact of a candidate version on stored decisions: before (as decided) and after (under the candidate)")
public record SimulationReport(
        @Schema(description = "Decisions simulated") int total,
        @Schema(description = "Decisions whose outcome, tier, limit, rate, guarantee, approval level, validity and reasons "
                + "are all the same under the candidate (rule set and fired rules are not compared)") int unchanged,
        @Schema(description = "Decisions with at least one such field different") int changed,
        @Schema(description = "Decisions the candidate failed on (a rule fault): the ERROR column") int failed,
        @Schema(description = "Decisions simulated per second of processing time") BigDecimal ratePerSecond,
        @Schema(description = "{before outcome: {after outcome: decisions}}: rows APPROVED, REFERRED, DECLINED; columns the "
                + "same plus ERROR; every cell present, zeros included") Map<String, Map<String, Integer>> transitions,
        Counts counts,
        @Schema(description = "Total exposure: the sum of creditLimit (a declined decision's is 0). after leaves out failed decisions")
        Exposure exposure,
        @Schema(description = "creditLimit of the decisions that are not DECLINED (before: as decided; after: under the "
                + "candidate, failed ones left out)") Distributions limits,
        @Schema(description = "annualRatePct of the same decisions as limits") Distributions rates,
        ReasonCodes reasonCodes,
        @Schema(description = "Up to 20 changed decisions, the first in decision order; left out of a version's latestSimulation")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Sample> sample) {

    /** This report without its sample: the summary shown with the version. */
    public SimulationReport summary() {
        return new SimulationReport(total, unchanged, changed, failed, ratePerSecond, transitions, counts, exposure, limits,
                rates, reasonCodes, null);
    }

    @Schema(description = "Decisions by outcome; after has ERROR for the decisions the candidate failed on")
    public record Counts(Map<String, Integer> before, Map<String, Integer> after) {
    }

    @Schema(description = "Sums of creditLimit, exact, 2 decimals")
    public record Exposure(BigDecimal before, BigDecimal after) {
    }

    public record Distributions(Distribution before, Distribution after,
                                @Schema(description = "A histogram of before and after on the same bins: at most 11 "
                                        + "half-open bins [from, to) of one width (1, 2 or 5 × a power of ten), from the "
                                        + "lowest value of either side to the highest; empty when both sides are; absent "
                                        + "from reports stored before bins existed")
                                @JsonInclude(JsonInclude.Include.NON_NULL) List<Bin> bins) {
    }

    @Schema(description = "Decisions whose value is at least from and below to, before and after")
    public record Bin(BigDecimal from, BigDecimal to, int before, int after) {
    }

    @Schema(description = "count values; mean rounded half-up to 2 decimals; p50 and p90 by the nearest-rank method (the "
            + "value at rank ceil(p/100 × count) of the values sorted ascending), so always a value that occurred; "
            + "mean, p50 and p90 are null when count is 0")
    public record Distribution(int count, BigDecimal mean, BigDecimal p50, BigDecimal p90) {
    }

    @Schema(description = "Top 10 reason codes, most decisions first (then by code). A code appears for a decision when "
            + "the candidate gives it and the stored decision did not; it disappears in the opposite case")
    public record ReasonCodes(List<CodeCount> appearing, List<CodeCount> disappearing) {
    }

    public record CodeCount(String code, int decisions) {
    }

    @Schema(description = "A changed decision: both sides, and every differing field")
    public record Sample(String decisionId, Side before, Side after,
                         @Schema(description = "[{field, original, replayed}]: original is before, replayed is after")
                         JsonNode differences) {
    }

    public record Side(String outcome, @Schema(description = "tier code; null when declined") String tier,
                       BigDecimal creditLimit, BigDecimal annualRatePct, List<String> reasonCodes) {
    }
}

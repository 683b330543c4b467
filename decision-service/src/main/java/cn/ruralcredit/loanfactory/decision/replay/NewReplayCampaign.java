package cn.ruralcredit.loanfactory.decision.replay;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A replay campaign to run: a product's decisions decided from {@code from} to {@code to} (Asia/Shanghai). */
@Schema(description = "The decisions to replay: one product's, by the day they were decided")
public record NewReplayCampaign(
        @Schema(required = true, examples = "FUNONG") String productCode,
        @Schema(description = "First day, inclusive; default: 89 days before to") LocalDate from,
        @Schema(description = "Last day, inclusive, no later than today; default: today. At most 3,660 days from from")
        LocalDate to) {
}

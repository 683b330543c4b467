package cn.ruralcredit.loanfactory.decision.rerating;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** POST /api/v1/products/{code}/re-ratings. */
@Schema(description = "A re-rating of a product's current lines; every field optional")
public record NewRerating(
        @Schema(description = "the rule set version to re-rate with; default the one in force on asOfDate") Integer version,
        @Schema(description = "the evaluation date of the re-rating; default today (Asia/Shanghai)") LocalDate asOfDate,
        @Schema(description = "only lines decided on or after this day (Asia/Shanghai)") LocalDate from,
        @Schema(description = "only lines decided on or before this day (Asia/Shanghai)") LocalDate to) {
}

package cn.ruralcredit.loanfactory.decision.market;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A market rate to add. */
public record NewMarketRate(
        @Schema(defaultValue = "LPR_1Y", description = "LPR_1Y, the one-year loan prime rate (the only type decisions use)")
        String rateType,
        @Schema(required = true, description = "in force from this date inclusive") LocalDate effectiveFrom,
        @Schema(required = true, description = "percent, above 0 and below 100, at most 2 decimals")
        BigDecimal ratePct) {
}

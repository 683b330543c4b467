package cn.ruralcredit.loanfactory.decision.simulation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The stored decisions to simulate a version on: its product's, by the day they were decided (Asia/Shanghai). */
@Schema(description = "The range of stored decisions to simulate on; both optional")
public record NewSimulation(
        @Schema(description = "First day, inclusive; default: 89 days before to") LocalDate from,
        @Schema(description = "Last day, inclusive, no later than today; default: today. At most 3,660 days from from")
        LocalDate to) {
}

package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/** The latest simulation of a version, shown with the version for its review. */
@Schema(description = "The newest simulation of this version, whatever its status; the report summary (without the "
        + "sample, which is at href) once DONE")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionSimulation(
        String id,
        String href,
        @Schema(description = "QUEUED, RUNNING, DONE or FAILED") String status,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The content simulated") String sha256,
        @Schema(description = "Whether the version still has the content simulated") boolean ofCurrentContent,
        @Schema(description = "Whether this simulation lets the version be approved without acknowledgeNoSimulation: DONE, "
                + "of its current content, over at least the 30 days up to the day it ran") boolean coversApproval,
        JobView.Progress progress,
        String error,
        String createdBy,
        Instant createdAt,
        Instant finishedAt,
        SimulationReport summary) {

    public static VersionSimulation of(BackgroundJob job, RuleSetVersion version) {
        JobView view = JobView.of(job);
        SimulationReport report = SimulationView.report(job);
        return new VersionSimulation(job.id, SimulationService.href(job.productCode, job.version, job.id), job.status,
                job.fromDate, job.toDate, job.ruleSetSha256, version.sha256.equals(job.ruleSetSha256),
                SimulationCoverage.covers(job, version), view.progress(), job.error, job.createdBy, job.createdAt,
                job.finishedAt, report == null ? null : report.summary());
    }

    /** The newest simulation of {@code version}, or null. Call within a transaction. */
    public static VersionSimulation latestOf(RuleSetVersion version) {
        return BackgroundJob.latestSimulation(version.product.code, version.version)
                .map(job -> of(job, version)).orElse(null);
    }
}

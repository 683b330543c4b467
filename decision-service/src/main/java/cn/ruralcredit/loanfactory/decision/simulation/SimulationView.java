package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A simulation as the API shows it: the job and its progress, and its report once it is DONE. */
@Schema(description = "An impact simulation: the background job (kind SIMULATION) and, once DONE, its report")
public record SimulationView(
        @JsonUnwrapped JobView job,
        @Schema(description = "Present once status is DONE") @JsonInclude(JsonInclude.Include.NON_NULL) SimulationReport report) {

    public static SimulationView of(BackgroundJob job) {
        return new SimulationView(JobView.of(job), report(job));
    }

    /** The stored report of a DONE simulation, else null. */
    static SimulationReport report(BackgroundJob job) {
        return BackgroundJob.DONE.equals(job.status) && job.report != null
                ? ApiJson.readValue(job.report, SimulationReport.class) : null;
    }
}

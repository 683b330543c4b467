package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.jobs.JobQueue;
import cn.ruralcredit.loanfactory.decision.jobs.JobRunner;
import cn.ruralcredit.loanfactory.decision.jobs.JobScope;
import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.version.VersionService;
import cn.ruralcredit.loanfactory.decision.replay.Reevaluator;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetIntegrityException;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.decision.version.RuleSetChecks;
import cn.ruralcredit.loanfactory.decision.version.VersionViews;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * Impact simulations of a draft or in-review version: checked and queued here (the candidate is
 * compiled once, now, and handed to the job), run by the {@link JobRunner} with
 * {@link SimulationWork}, which writes the report when the job is done.
 */
@ApplicationScoped
public class SimulationService {
    /** A simulation covers the last 90 days unless told otherwise. */
    static final int DEFAULT_DAYS = 90;
    private static final int LISTED = 100;

    @Inject
    JobRunner runner;
    @Inject
    JobQueue queue;
    @Inject
    CurrentUser user;
    @Inject
    RuleSetChecks checks;
    @Inject
    SimulationWork work;

    public static String href(String productCode, int version, String id) {
        return "/api/v1/products/" + productCode + "/versions/" + version + "/simulations/" + id;
    }

    private record Candidate(String status, String sha256, Map<String, String> files, JobScope scope) {
    }

    /**
     * Queues a simulation of version {@code number} of {@code code}: 404 for an unknown product or
     * version, 409 unless it is DRAFT or IN_REVIEW, 400 for a bad range, 422 when its content does
     * not pass the sandbox check or does not compile.
     */
    public JobView start(String code, int number, NewSimulation request) {
        String by = user.name();
        Candidate candidate = QuarkusTransaction.requiringNew().call(() -> {
            RuleSetVersion version = simulable(code, number);
            JobScope scope = queue.scope(code, request == null ? null : request.from(), request == null ? null : request.to(),
                    DEFAULT_DAYS);
            queue.admit(by); // before the candidate is compiled, and again when the job is queued
            return new Candidate(version.status, version.sha256, RuleSetFile.contentOf(version), scope);
        });
        RuleSetSource source = new RuleSetSource(candidate.files());
        if (!source.sha256().equals(candidate.sha256())) {
            throw new RuleSetIntegrityException("version " + number + " of " + code + " hashes to " + source.sha256()
                    + ", not to its recorded " + candidate.sha256());
        }
        VersionViews.Validation checked = checks.check(source);
        if (!checked.valid()) {
            throw ProblemException.unprocessable("version " + number + " of " + code
                    + " does not pass validation; nothing can be simulated", checked.problems().stream()
                    .map(p -> new FieldError(p.file() + ":" + p.line() + ":" + p.column(), p.kind() + ": " + p.message()))
                    .toList());
        }
        JobView view = QuarkusTransaction.requiringNew().call(() -> {
            RuleSetVersion version = simulable(code, number);
            if (!version.sha256.equals(candidate.sha256())) {
                throw ProblemException.conflict("version " + number + " of " + code
                        + " was edited while it was being checked; ask again to simulate its new content");
            }
            queue.admit(by);
            BackgroundJob job = candidate.scope().queue(BackgroundJob.SIMULATION, by);
            job.version = number;
            job.ruleSetSha256 = candidate.sha256();
            job.persist();
            return JobView.of(job);
        });
        runner.wake();
        return view;
    }

    /** The simulations of a version, newest first (the 100 newest). */
    public List<JobView> list(String code, int number) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VersionService.version(code, number);
            return BackgroundJob.<BackgroundJob>find("kind = ?1 and productCode = ?2 and version = ?3 order by createdAt desc",
                    BackgroundJob.SIMULATION, code, number).page(0, LISTED).list().stream().map(JobView::of).toList();
        });
    }

    public SimulationView get(String code, int number, String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            VersionService.version(code, number);
            return BackgroundJob.<BackgroundJob>findByIdOptional(id)
                    .filter(job -> BackgroundJob.SIMULATION.equals(job.kind) && job.productCode.equals(code)
                            && job.version != null && job.version == number)
                    .map(SimulationView::of)
                    .orElseThrow(() -> ProblemException.notFound("version " + number + " of " + code + " has no simulation " + id));
        });
    }

    private static RuleSetVersion simulable(String code, int number) {
        RuleSetVersion version = VersionService.version(code, number);
        if (!RuleSetStatus.DRAFT.name().equals(version.status) && !RuleSetStatus.IN_REVIEW.name().equals(version.status)) {
            throw ProblemException.conflict("version " + number + " of " + code + " is " + version.status
                    + "; only a DRAFT or IN_REVIEW version is simulated before its approval");
        }
        return version;
    }
}

package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.jobs.JobItems;
import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import cn.ruralcredit.loanfactory.decision.jobs.JobWork;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.replay.DecisionDifferences;
import cn.ruralcredit.loanfactory.decision.replay.Difference;
import cn.ruralcredit.loanfactory.decision.replay.Reevaluator;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleRunner;
import cn.ruralcredit.loanfactory.decision.ruleset.WorkerConfig;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An impact simulation: each stored decision of the job's product and range evaluated again under
 * the candidate version, with the decision's own asOfDate and recorded LPR. Before is the stored
 * response, after the candidate's; only decision fields count as changes (not which rule set made
 * it, nor the rules it fired). Nothing is written to the decision table: the items are the job's.
 * <p>
 * A simulation is of the content its version had when it was queued ({@code ruleSetSha256}). Each
 * time a node starts or resumes the job (after a restart, say), it checks that the version still
 * has that content, and fails the job, saying so, when it was edited or deleted meanwhile.
 */
@ApplicationScoped
public class SimulationWork implements JobWork {
    /** Only the decision: the id and time of an evaluation, and which rule set made it how, are not compared. */
    static final Set<String> IGNORED;

    static {
        Set<String> ignored = new HashSet<>(DecisionDifferences.IDENTITY);
        ignored.addAll(DecisionDifferences.PROVENANCE);
        IGNORED = Set.copyOf(ignored);
    }

    private static final int REPORT_PAGE = 1000;

    @Inject
    Reevaluator reevaluator;
    @Inject
    RuleRunner runner;
    @Inject
    WorkerConfig workerConfig;

    /** The job this node is running and its checked candidate; jobs run one at a time per node. */
    private volatile Running running;

    private record Running(String jobId, Reevaluator.Candidate candidate) {
    }

    @Override
    public String kind() {
        return BackgroundJob.SIMULATION;
    }

    @Override
    public JobItem process(BackgroundJob job, Decision decision) {
        Reevaluator.Candidate candidate = candidateOf(job);
        JsonNode before = ApiJson.readStored(decision.responseJson);
        try {
            JsonNode after = reevaluator.evaluate(decision, candidate);
            List<Difference> differences = DecisionDifferences.between(before, after, IGNORED);
            return JobItems.compared(job.id, decision.id, before, after, differences);
        } catch (EvaluationException e) {
            if (e.kind() == EvaluationException.Kind.TIME_CAP || e.kind() == EvaluationException.Kind.NO_RULE_THREAD) {
                // a candidate that hangs would hang on every decision: the simulation fails (FAILED, with this reason)
                throw new IllegalStateException("decision " + decision.id + ": " + e.getMessage(), e);
            }
            return JobItems.failed(job.id, decision.id, before, e.getMessage());
        } catch (ProblemException | InvalidRequestException e) {
            return JobItems.failed(job.id, decision.id, before, e.getMessage());
        }
    }

    private Reevaluator.Candidate candidateOf(BackgroundJob job) {
        Running current = running;
        if (current != null && current.jobId().equals(job.id)) return current.candidate();
        Reevaluator.Candidate candidate = checkedCandidate(job);
        running = new Running(job.id, candidate);
        return candidate;
    }

    /**
     * The job's candidate, after checking that its version still has the content the job simulates.
     * A draft or a version in review runs in a rule worker: a hang, a stack overflow or an exhausted
     * heap there fails the job (FAILED, with its reason), never the service or the jobs queued after it.
     */
    private Reevaluator.Candidate checkedCandidate(BackgroundJob job) {
        Stored stored = QuarkusTransaction.requiringNew().call(() -> stored(job));
        return new Reevaluator.Candidate(job.version, stored.status(), job.ruleSetSha256,
                runner.evaluatorFor(stored.status(), job.ruleSetSha256, stored::files, workerConfig.jobWait()));
    }

    private record Stored(String status, Map<String, String> files) {
    }

    private static Stored stored(BackgroundJob job) {
        Product product = Product.findByCode(job.productCode).orElseThrow(() ->
                new IllegalStateException("product " + job.productCode + " is no longer in the catalog; nothing to simulate"));
        RuleSetVersion version = RuleSetVersion.find(product, job.version).orElseThrow(() -> new IllegalStateException(
                "version " + job.version + " of " + job.productCode + " was deleted after this simulation was queued"));
        if (!version.sha256.equals(job.ruleSetSha256)) {
            throw new IllegalStateException("version " + job.version + " of " + job.productCode + " was edited after this "
                    + "simulation was queued: the simulation is of content sha256 " + job.ruleSetSha256
                    + ", the version now has " + version.sha256 + "; start a new simulation of its current content");
        }
        return new Stored(version.status, RuleSetFile.contentOf(version));
    }

    /**
     * Writes the report from the job's items, read a page at a time (each page let go of once
     * counted); the sample's tiers come from the stored decisions and the items' differences.
     */
    @Override
    public void finish(BackgroundJob job) {
        SimulationTally tally = new SimulationTally();
        EntityManager em = JobItem.getEntityManager();
        List<String> all = List.of(JobItem.SAME, JobItem.CHANGED, JobItem.ERROR);
        String after = null;
        while (true) {
            List<JobItem> page = JobItem.ofJob(job.id, all, after, REPORT_PAGE);
            for (JobItem item : page) {
                tally.add(item);
                em.detach(item);
            }
            if (page.size() < REPORT_PAGE) break;
            after = page.get(page.size() - 1).decisionId;
        }
        List<SimulationReport.Sample> sample = tally.sampleItems().stream().map(SimulationWork::sample).toList();
        job.report = ApiJson.write(tally.report(JobView.of(job).progress().ratePerSecond(), sample));
        Running current = running;
        if (current != null && current.jobId().equals(job.id)) running = null;
    }

    private static SimulationReport.Sample sample(JobItem item) {
        Decision decision = Decision.findById(item.decisionId);
        JsonNode stored = decision == null ? NullNode.getInstance() : ApiJson.readStored(decision.responseJson);
        JsonNode differences = ApiJson.readStored(item.differences);
        String tierBefore = tierCode(stored.path("tier"));
        String tierAfter = tierBefore;
        for (JsonNode d : differences) {
            String field = d.path("field").asText();
            if (field.equals("tier")) tierAfter = tierCode(d.path("replayed"));
            if (field.equals("tier.code")) tierAfter = d.path("replayed").isTextual() ? d.path("replayed").asText() : null;
        }
        return new SimulationReport.Sample(item.decisionId,
                new SimulationReport.Side(item.outcomeBefore, tierBefore, item.limitBefore, item.rateBefore,
                        SimulationTally.codes(item.reasonsBefore)),
                new SimulationReport.Side(item.outcomeAfter, tierAfter, item.limitAfter, item.rateAfter,
                        SimulationTally.codes(item.reasonsAfter)),
                differences);
    }

    private static String tierCode(JsonNode tier) {
        JsonNode code = tier.path("code");
        return code.isTextual() ? code.asText() : null;
    }

    private static String key(String productCode, int version, String sha256) {
        return productCode + ":" + version + ":" + sha256;
    }
}

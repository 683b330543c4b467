package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.jobs.JobItems;
import cn.ruralcredit.loanfactory.decision.jobs.JobWork;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A replay campaign: each decision replayed with its recorded version and LPR, as {@code POST /decisions/{id}/replay} does. */
@ApplicationScoped
public class ReplayCampaignWork implements JobWork {

    @Inject
    Reevaluator reevaluator;

    /** Versions by product, sha256 and number: a campaign meets a handful, looked up once each. */
    private final Map<String, Reevaluator.Candidate> versions = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return BackgroundJob.REPLAY_CAMPAIGN;
    }

    /** Replays run the recorded versions, reviewed ones, in this JVM: a chunk on every core. */
    @Override
    public boolean parallel() {
        return true;
    }

    @Override
    public JobItem process(BackgroundJob job, Decision decision) {
        JsonNode original = ApiJson.readStored(decision.responseJson);
        try {
            Reevaluator.Candidate candidate = versions.computeIfAbsent(
                    decision.productCode + ":" + decision.ruleSetSha256 + ":" + decision.ruleSetVersion,
                    key -> QuarkusTransaction.requiringNew().call(() -> reevaluator.recordedVersionOf(decision)));
            JsonNode replayed = reevaluator.evaluate(decision, candidate);
            List<Difference> differences = DecisionDifferences.between(original, replayed, DecisionDifferences.IDENTITY);
            return JobItems.compared(job.id, decision.id, original, replayed, differences);
        } catch (EvaluationException | ProblemException | InvalidRequestException e) {
            return JobItems.failed(job.id, decision.id, original, e.getMessage());
        }
    }
}

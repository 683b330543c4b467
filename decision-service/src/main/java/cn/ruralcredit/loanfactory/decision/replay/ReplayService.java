package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.engine.EngineInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Replays one stored decision (API.md "Read and replay"). */
@ApplicationScoped
public class ReplayService {

    @Inject
    Reevaluator reevaluator;

    public ReplayResult replay(String decisionId) {
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            Decision d = Decision.<Decision>findByIdOptional(decisionId)
                    .orElseThrow(() -> ProblemException.notFound("no decision " + decisionId));
            return new Loaded(d, reevaluator.recordedVersionOf(d));
        });
        Decision d = loaded.decision();
        JsonNode original = ApiJson.readStored(d.responseJson);
        JsonNode replayed = reevaluator.evaluate(d, loaded.candidate());
        List<Difference> differences = DecisionDifferences.between(original, replayed, DecisionDifferences.IDENTITY);
        Reevaluator.Candidate c = loaded.candidate();
        return new ReplayResult(d.id, differences.isEmpty(), original, replayed, differences,
                new ReplayResult.RuleSetUsed(c.version(), c.sha256(), c.status()), d.lprPct,
                new ReplayResult.EngineVersions(d.engineVersion, EngineInfo.DROOLS_VERSION),
                DecisionService.DECIDED_AT.format(Instant.now()));
    }

    private record Loaded(Decision decision, Reevaluator.Candidate candidate) {
    }
}

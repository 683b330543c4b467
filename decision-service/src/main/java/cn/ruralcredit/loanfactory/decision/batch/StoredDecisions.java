package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.audit.RecordHash;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.rules.engine.EngineInfo;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.request.CanonicalJson;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A decision row made by a background job, exactly as {@code DecisionService} writes one (same
 * columns, canonical request, response and record hash), so that it reads, searches, exports,
 * verifies and replays like any other. The response carries one more field naming where the
 * decision came from: {@code requestedBy} (the officer of a batch) or {@code revises} (the
 * decision a re-rating revised); replays leave both out of the comparison.
 */
public final class StoredDecisions {
    private StoredDecisions() {
    }

    /**
     * The row for {@code evaluated}, decided on {@code request} (asOfDate filled in) received as
     * {@code received}; {@code extra} holds the provenance fields added to the response.
     */
    public static Decision of(String channel, DecisionRequest received, DecisionRequest request, int version, String sha256,
                              BigDecimal lprPct, EvaluatedDecision evaluated, Map<String, String> extra) {
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionResponse response = DecisionResponse.of(Ulid.next(decidedAt.toEpochMilli()), request,
                new DecisionResponse.RuleSetRef(version, sha256), lprPct, evaluated, DecisionService.DECIDED_AT.format(decidedAt));
        String json = ApiJson.write(response);
        StringBuilder withExtra = new StringBuilder(json.length() + 64).append(json, 0, json.length() - 1);
        for (var e : extra.entrySet()) withExtra.append(',').append(ApiJson.write(e.getKey())).append(':').append(ApiJson.write(e.getValue()));
        withExtra.append('}');
        Decision d = new Decision();
        d.id = response.decisionId();
        d.requestId = request.requestId();
        d.requestHash = CanonicalJson.sha256(CanonicalJson.of(received));
        d.productCode = request.productCode();
        d.ruleSetVersion = version;
        d.ruleSetSha256 = sha256;
        d.engineVersion = EngineInfo.DROOLS_VERSION;
        d.asOfDate = request.asOfDate();
        d.lprPct = lprPct;
        d.outcome = response.outcome().name();
        d.creditLimit = response.creditLimit();
        d.annualRatePct = response.annualRatePct();
        d.channel = channel;
        d.requestJson = CanonicalJson.of(request);
        d.responseJson = withExtra.toString();
        d.firedRules = ApiJson.write(response.firedRules());
        d.decidedAt = decidedAt;
        d.recordHash = RecordHash.of(d);
        return d;
    }
}

package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.audit.RecordHash;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalData;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalDataReadLog;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.decision.security.ChannelCaller;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EngineInfo;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.request.CanonicalJson;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes and records decisions. A request is validated before anything else; then, in one read
 * transaction, the idempotency key, the product, the rule set version and the LPR in force are
 * resolved; the rules run outside any transaction; and the decision is written in its own
 * transaction before the response is returned. If it cannot be written, no decision is returned.
 * A decision belongs to the channel whose API key asked for it: the requestId is that channel's
 * idempotency key, and only that channel (or an auditor) can read the decision back.
 */
@ApplicationScoped
public class DecisionService {
    /** How {@code decidedAt} is written in responses: UTC, milliseconds. */
    public static final DateTimeFormatter DECIDED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** How long a caller waits for the transaction of its row before a 503. */
    private static final long WRITE_WAIT_SECONDS = 30;

    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    MeterRegistry registry;
    @Inject
    SecurityIdentity identity;

    @Inject
    DecisionEngine engine;
    @Inject
    PersonalDataReadLog readLog;
    @Inject
    DecisionWriter writer;

    /** Decides a request body; returns the decision JSON (the stored one for a repeated request). */
    public String decide(String body) {
        return decideFor(ChannelCaller.of(identity).orElseThrow(ForbiddenException::new), body);
    }

    /**
     * Decides a request body for {@code channel}, already authenticated by the caller: the HTTP
     * path above, and in-process load such as the tests' bulk decisions.
     */
    public String decideFor(String channel, String body) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        DecisionRequest received = DecisionRequestReader.read(ApiJson.parse(body), today);
        String receivedJson = CanonicalJson.of(received);
        String requestHash = CanonicalJson.sha256(receivedJson);
        DecisionRequest request = received.evaluatedOn(today);
        // one canonical serialisation when the request names its asOfDate: then it is evaluated as received
        String requestJson = request == received ? receivedJson : CanonicalJson.of(request);

        // no read before the insert: the unique key (channel, request_id) tells a repeat apart. A
        // repeat that can no longer be decided (its version retired since, a rule fault) still
        // answers with what was stored.
        RuleSetsInForce.Inputs inputs;
        EvaluatedDecision evaluated;
        long started = System.nanoTime();
        try {
            inputs = ruleSets.forDecision(request.productCode(), request.asOfDate());
            evaluated = engine.evaluate(inputs.ruleSet(), request, inputs.lprPct());
        } catch (RuntimeException e) {
            String stored = storedIfAny(channel, request.requestId(), requestHash);
            if (stored != null) return stored;
            throw e;
        }
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionResponse response = DecisionResponse.of(Ulid.next(decidedAt.toEpochMilli()), request,
                new DecisionResponse.RuleSetRef(inputs.version(), inputs.ruleSet().sha256()), inputs.lprPct(),
                evaluated, DECIDED_AT.format(decidedAt));
        String answer = store(toEntity(channel, request, requestJson, requestHash, response, ApiJson.write(response), decidedAt));
        registry.timer("loanfactory.decisions", "product", request.productCode(), "outcome", evaluated.outcome().name())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return answer;
    }

    /**
     * The stored decision: the response as returned plus {@code request} as evaluated. An auditor
     * reads any decision, with the applicant's full ID number and phone, and that read is logged
     * in the same transaction (no log row, no data: a 503). A channel reads only its own decision,
     * with those two masked: the channel sent them and holds them already. Another channel's
     * decision is "not found", so that decision ids of other channels cannot be probed.
     */
    public ObjectNode find(String decisionId) {
        boolean auditor = identity.hasRole(Roles.AUDITOR);
        var channel = ChannelCaller.of(identity);
        return readLog.readAndLog(() -> {
            Decision d = Decision.<Decision>findByIdOptional(decisionId)
                    .filter(found -> auditor || channel.filter(found.channel::equals).isPresent())
                    .orElseThrow(() -> ProblemException.notFound("no decision " + decisionId));
            ObjectNode node = (ObjectNode) ApiJson.readStored(d.responseJson);
            JsonNode request = ApiJson.readStored(d.requestJson);
            if (auditor) {
                readLog.decisionViewed(d.id);
                node.set("request", request);
            } else {
                node.set("request", PersonalData.maskRequest(request));
            }
            return node;
        });
    }

    /** The stored response for a repeat of (channel, requestId) with this hash; null if none is stored; a 409 for another body. */
    private static String storedIfAny(String channel, String requestId, String requestHash) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> Decision.findByChannelAndRequestId(channel, requestId)
                    .map(d -> storedFor(d, requestHash)).orElse(null));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // the store cannot say whether this is a repeat: the original failure stands
            return null;
        }
    }

    private static String storedFor(Decision stored, String requestHash) {
        if (!stored.requestHash.equals(requestHash)) {
            throw ProblemException.conflict("requestId " + stored.requestId + " was already used with a different request");
        }
        return stored.responseJson;
    }

    /**
     * Writes the decision through the group committer and waits until the transaction holding it
     * committed; returns the response to answer with. A duplicate of the unique key is a request of
     * the channel with the same requestId stored first (a concurrent duplicate): answered as a
     * repeat. Any failure to store it is a 503: whether or not the row was committed, a retry with
     * the same requestId answers right.
     */
    private String store(Decision decision) {
        DecisionWriter.Outcome outcome;
        try {
            outcome = writer.write(decision).get(WRITE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStored(e);
        } catch (ExecutionException | TimeoutException e) {
            throw notStored(e.getCause() == null ? e : e.getCause());
        }
        if (outcome == DecisionWriter.Outcome.STORED) return decision.responseJson;
        try {
            return QuarkusTransaction.requiringNew().call(() ->
                    Decision.findByChannelAndRequestId(decision.channel, decision.requestId)
                            .map(d -> storedFor(d, decision.requestHash))
                            .orElseThrow(() -> notStored(null)));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw notStored(e);
        }
    }

    private static ProblemException notStored(Throwable cause) {
        // the rules have decided; whatever failed since is the store's (a lost connection, a commit
        // the database never confirmed): the channel retries
        return ProblemException.storeUnavailable(
                "database unavailable: the decision store did not confirm the decision, so no decision was made; retry with the same "
                        + "requestId, which answers with the stored decision if it was stored after all", cause);
    }

    private static Decision toEntity(String channel, DecisionRequest request, String requestJson, String requestHash,
                                     DecisionResponse response,
                                     String responseJson, Instant decidedAt) {
        Decision d = new Decision();
        d.id = response.decisionId();
        d.requestId = request.requestId();
        d.requestHash = requestHash;
        d.productCode = request.productCode();
        d.ruleSetVersion = response.ruleSet().version();
        d.ruleSetSha256 = response.ruleSet().sha256();
        d.engineVersion = EngineInfo.DROOLS_VERSION;
        d.asOfDate = request.asOfDate();
        d.lprPct = response.lprPct();
        d.outcome = response.outcome().name();
        d.creditLimit = response.creditLimit();
        d.annualRatePct = response.annualRatePct();
        d.channel = channel;
        d.requestJson = requestJson;
        d.responseJson = responseJson;
        d.firedRules = ApiJson.write(response.firedRules());
        d.decidedAt = decidedAt;
        // with the row, in the same insert: the sealer chains it later without touching the decision path
        d.recordHash = RecordHash.of(d);
        return d;
    }
}

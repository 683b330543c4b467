package cn.ruralcredit.loanfactory.decision.rerating;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.catalog.batch.ReratingLine;
import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.batch.BatchRunner;
import cn.ruralcredit.loanfactory.decision.batch.BatchStore;
import cn.ruralcredit.loanfactory.decision.batch.LongJob;
import cn.ruralcredit.loanfactory.decision.batch.StoredDecisions;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalData;
import cn.ruralcredit.loanfactory.decision.replay.Reevaluator;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Re-rates the current lines of a product: for each applicant (by ID number) the latest APPROVED
 * or REFERRED decision decided before the re-rating was asked for, not revised since, and still
 * within its validityMonths on the re-rating's asOfDate. Each is evaluated again with the chosen
 * version, the applicant data as recorded and the re-rating's asOfDate and LPR, in chunks
 * committed with the cursor (restart-safe as batches are). Nothing is stored as a decision until
 * the report is applied ({@link Apply}).
 */
@ApplicationScoped
public class ReratingWork implements LongJob {
    /** The authenticated channel of decisions a re-rating stores. */
    public static final String CHANNEL = "RERATING";
    private static final Logger LOG = Logger.getLogger(ReratingWork.class);
    private static final int CHUNK = 250;
    private static final int SCAN_PAGE = 1000;

    @Inject
    Reevaluator reevaluator;
    @Inject
    EntityManager em;

    @Override
    public boolean runs(BatchJob job) {
        return BatchJob.RERATING.equals(job.kind) && BatchJob.RUNNING.equals(job.status);
    }

    @Override
    public void run(BatchJob job, BatchRunner runner) {
        List<String> lines = currentLines(job);
        int cursor = job.cursorRow;
        if (cursor == 0) {
            int total = lines.size();
            QuarkusTransaction.requiringNew().run(() -> runner.lockOwned(job.id, 0).total = total);
        }
        Reevaluator.Candidate candidate = QuarkusTransaction.requiringNew().call(() -> reevaluator.compiled(version(job)));
        while (cursor < lines.size()) {
            if (runner.stopping()) return;
            int from = cursor;
            List<String> ids = lines.subList(from, Math.min(lines.size(), from + CHUNK));
            List<Decision> decisions = QuarkusTransaction.requiringNew().call(() -> load(ids));
            long started = System.nanoTime();
            List<ReratingLine> out = new ArrayList<>(ids.size());
            for (int i = 0; i < decisions.size(); i++) out.add(line(job, from + i + 1, decisions.get(i), candidate));
            int next = from + ids.size();
            QuarkusTransaction.requiringNew().run(() -> {
                BatchJob locked = runner.lockOwned(job.id, from);
                ReratingLine.persist(out);
                locked.cursorRow = next;
                locked.done = next;
                locked.runMillis += (System.nanoTime() - started) / 1_000_000;
            });
            cursor = next;
        }
        if (runner.stopping()) return;
        int last = cursor;
        QuarkusTransaction.requiringNew().run(() -> {
            BatchJob locked = runner.lockOwned(job.id, last);
            locked.report = ApiJson.write(summary(job.id));
            locked.status = BatchJob.DONE;
            locked.owner = null;
            locked.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        });
        LOG.infof("re-rating %s of %s done: %d lines", job.id, job.productCode, lines.size());
    }

    static RuleSetVersion version(BatchJob job) {
        Product product = Product.findByCode(job.productCode).orElseThrow();
        return RuleSetVersion.find(product, job.version).orElseThrow(() -> new IllegalStateException(
                "version " + job.version + " of " + job.productCode + " is gone"));
    }

    private record Line(String decisionId, LocalDate validUntil) {
    }

    /** The ids of the current lines, in id order; read page by page, one short transaction each. */
    List<String> currentLines(BatchJob job) {
        Map<String, Line> latest = new HashMap<>();
        String after = "";
        while (true) {
            String cursor = after;
            List<Object[]> page = QuarkusTransaction.requiringNew().call(() -> scan(job, cursor));
            for (Object[] row : page) {
                String id = (String) row[0];
                JsonNode request = ApiJson.readStored((String) row[1]);
                JsonNode response = ApiJson.readStored((String) row[2]);
                LocalDate asOf = row[3] instanceof LocalDate l ? l : ((java.sql.Date) row[3]).toLocalDate();
                String idNumber = request.path("applicant").path("idNumber").asText();
                int validity = response.path("validityMonths").asInt(0);
                latest.put(idNumber, new Line(id, asOf.plusMonths(validity)));
            }
            if (page.size() < SCAN_PAGE) break;
            after = (String) page.get(page.size() - 1)[0];
        }
        TreeSet<String> ids = new TreeSet<>();
        for (Line line : latest.values()) if (job.asOfDate.isBefore(line.validUntil())) ids.add(line.decisionId());
        return new ArrayList<>(ids);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> scan(BatchJob job, String after) {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.request_json, d.response_json, d.as_of_date FROM decision d "
                + "WHERE d.product_code = ?1 AND d.outcome IN ('APPROVED', 'REFERRED') AND d.decided_at < ?2 AND d.id > ?3 "
                + "AND NOT EXISTS (SELECT 1 FROM decision_revision r WHERE r.revised_decision_id = d.id)");
        if (job.fromDate != null) sql.append(" AND d.decided_at >= ?4");
        if (job.toDate != null) sql.append(" AND d.decided_at < ?5");
        sql.append(" ORDER BY d.id LIMIT ").append(SCAN_PAGE);
        var q = em.createNativeQuery(sql.toString())
                .setParameter(1, job.productCode)
                .setParameter(2, java.time.LocalDateTime.ofInstant(job.createdAt, java.time.ZoneOffset.UTC))
                .setParameter(3, after);
        if (job.fromDate != null) q.setParameter(4, utc(job.fromDate));
        if (job.toDate != null) q.setParameter(5, utc(job.toDate.plusDays(1)));
        return q.getResultList();
    }

    private static java.time.LocalDateTime utc(LocalDate day) {
        return java.time.LocalDateTime.ofInstant(day.atStartOfDay(DecisionClock.ZONE).toInstant(), java.time.ZoneOffset.UTC);
    }

    private static List<Decision> load(List<String> ids) {
        Map<String, Decision> byId = new HashMap<>();
        for (Decision d : Decision.<Decision>list("id in ?1", ids)) byId.put(d.id, d);
        List<Decision> out = new ArrayList<>(ids.size());
        for (String id : ids) out.add(byId.get(id));
        return out;
    }

    /** The stored request of {@code d} as the re-rating evaluates it: the recorded data on the re-rating's asOfDate. */
    static ObjectNode requestOn(Decision d, LocalDate asOfDate) {
        ObjectNode node = (ObjectNode) ApiJson.readStored(d.requestJson);
        node.put("asOfDate", asOfDate.toString());
        return node;
    }

    private ReratingLine line(BatchJob job, int lineNo, Decision d, Reevaluator.Candidate candidate) {
        JsonNode before = ApiJson.readStored(d.responseJson);
        ReratingLine line = new ReratingLine();
        line.reratingId = job.id;
        line.lineNo = lineNo;
        line.decisionId = d.id;
        JsonNode applicant = ApiJson.readStored(d.requestJson).path("applicant");
        line.applicantName = applicant.path("name").asText(null);
        line.idNumber = PersonalData.maskIdNumber(applicant.path("idNumber").asText(""));
        line.outcomeBefore = d.outcome;
        line.tierBefore = before.path("tier").path("code").asText(null);
        line.limitBefore = d.creditLimit;
        line.rateBefore = d.annualRatePct;
        try {
            ObjectNode node = requestOn(d, job.asOfDate);
            DecisionRequest request = DecisionRequestReader.read(node, job.asOfDate);
            EvaluatedDecision after = candidate.evaluator().evaluate(node, request, job.lprPct);
            line.outcomeAfter = after.outcome().name();
            line.tierAfter = after.tier() == null ? null : after.tier().code();
            line.limitAfter = after.creditLimit();
            line.rateAfter = after.annualRatePct();
            line.reasonsAfter = cut(after.reasons().stream().map(Reason::code).collect(Collectors.joining(",")), 1000);
            line.reasonsAfterZh = cut(after.reasons().stream().map(Reason::message).collect(Collectors.joining("；")), 2000);
            line.changeKind = classify(d.creditLimit, d.annualRatePct, after);
        } catch (RuntimeException | StackOverflowError e) {
            line.changeKind = ReratingLine.ERROR;
            line.error = cut(e.getClass().getSimpleName() + ": " + e.getMessage(), 2000);
        }
        return line;
    }

    /** WITHDRAWN when now declined; else UP or DOWN by limit; else RATE_ONLY when the rate changed; else UNCHANGED. */
    static String classify(BigDecimal limitBefore, BigDecimal rateBefore, EvaluatedDecision after) {
        if (after.outcome() == Outcome.DECLINED) return ReratingLine.WITHDRAWN;
        int limit = after.creditLimit().compareTo(limitBefore);
        if (limit > 0) return ReratingLine.UP;
        if (limit < 0) return ReratingLine.DOWN;
        boolean sameRate = rateBefore == null ? after.annualRatePct() == null
                : after.annualRatePct() != null && rateBefore.compareTo(after.annualRatePct()) == 0;
        return sameRate ? ReratingLine.UNCHANGED : ReratingLine.RATE_ONLY;
    }

    /** Counts and exposure over the stored lines. Call within a transaction. */
    static ReratingView.Summary summary(String id) {
        Map<String, Integer> byChange = new LinkedHashMap<>();
        for (String k : List.of(ReratingLine.UP, ReratingLine.DOWN, ReratingLine.UNCHANGED, ReratingLine.RATE_ONLY,
                ReratingLine.WITHDRAWN, ReratingLine.ERROR)) byChange.put(k, 0);
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        int lines = 0;
        int last = 0;
        while (true) {
            List<ReratingLine> page = ReratingLine.page(id, last, 1000);
            for (ReratingLine l : page) {
                lines++;
                byChange.merge(l.changeKind, 1, Integer::sum);
                before = before.add(l.limitBefore);
                if (ReratingLine.ERROR.equals(l.changeKind)) after = after.add(l.limitBefore);
                else if (!ReratingLine.WITHDRAWN.equals(l.changeKind)) after = after.add(l.limitAfter);
                last = l.lineNo;
            }
            if (page.size() < 1000) break;
        }
        return new ReratingView.Summary(lines, byChange, before.setScale(2), after.setScale(2));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Applies a finished re-rating: each line (but those that failed) stored as a new decision of
     * channel RERATING, requestId {@code <re-rating id>-<line>}, the response naming the decision it
     * {@code revises}; the link is kept in decision_revision, so the revised decision is no longer a
     * current line. Chunks commit with the cursor, as the rating did.
     */
    @ApplicationScoped
    public static class Apply implements LongJob {
        @Inject
        Reevaluator reevaluator;
        @Inject
        BatchStore store;
        @Inject
        EntityManager em;

        @Override
        public boolean runs(BatchJob job) {
            return BatchJob.RERATING.equals(job.kind) && BatchJob.APPLYING.equals(job.status);
        }

        @Override
        public void run(BatchJob job, BatchRunner runner) {
            Reevaluator.Candidate candidate = QuarkusTransaction.requiringNew().call(() -> reevaluator.compiled(version(job)));
            int cursor = job.cursorRow;
            while (true) {
                if (runner.stopping()) return;
                int from = cursor;
                List<ReratingLine> lines = QuarkusTransaction.requiringNew().call(() -> ReratingLine.page(job.id, from, CHUNK));
                if (lines.isEmpty()) break;
                List<Decision> originals = QuarkusTransaction.requiringNew().call(() -> load(lines.stream().map(l -> l.decisionId).toList()));
                List<Decision> stored = new ArrayList<>();
                List<String[]> links = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    ReratingLine line = lines.get(i);
                    if (ReratingLine.ERROR.equals(line.changeKind)) continue;
                    Decision original = originals.get(i);
                    ObjectNode node = requestOn(original, job.asOfDate);
                    node.put("requestId", job.id + "-" + line.lineNo);
                    DecisionRequest request = DecisionRequestReader.read(node, job.asOfDate);
                    EvaluatedDecision after = candidate.evaluator().evaluate(node, request, job.lprPct);
                    if (!after.outcome().name().equals(line.outcomeAfter) || after.creditLimit().compareTo(line.limitAfter) != 0) {
                        throw new IllegalStateException("line " + line.lineNo + " (decision " + line.decisionId + ") no longer "
                                + "evaluates as its report says: " + after.outcome() + " " + after.creditLimit());
                    }
                    Decision d = StoredDecisions.of(CHANNEL, request, request, candidate.version(), candidate.sha256(), job.lprPct,
                            after, Map.of("revises", original.id, "requestedBy", job.appliedBy));
                    stored.add(d);
                    links.add(new String[]{original.id, d.id, String.valueOf(line.lineNo)});
                }
                int next = lines.get(lines.size() - 1).lineNo;
                int applied = stored.size();
                QuarkusTransaction.requiringNew().run(() -> {
                    BatchJob locked = runner.lockOwned(job.id, from);
                    store.insertDecisions(stored);
                    for (String[] link : links) {
                        em.createNativeQuery("INSERT INTO decision_revision (revised_decision_id, decision_id, rerating_id) "
                                + "VALUES (?1, ?2, ?3)").setParameter(1, link[0]).setParameter(2, link[1]).setParameter(3, job.id)
                                .executeUpdate();
                        em.createNativeQuery("UPDATE rerating_line SET new_decision_id = ?1 WHERE rerating_id = ?2 AND line_no = ?3")
                                .setParameter(1, link[1]).setParameter(2, job.id).setParameter(3, Integer.parseInt(link[2]))
                                .executeUpdate();
                    }
                    locked.cursorRow = next;
                    locked.done += applied;
                });
                cursor = next;
            }
            if (runner.stopping()) return;
            int last = cursor;
            QuarkusTransaction.requiringNew().run(() -> {
                BatchJob locked = runner.lockOwned(job.id, last);
                locked.status = BatchJob.APPLIED;
                locked.owner = null;
                locked.appliedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            });
            LOG.infof("re-rating %s of %s applied by %s", job.id, job.productCode, job.appliedBy);
        }
    }
}

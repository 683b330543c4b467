package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalData;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeType;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.model.Reason;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the rows of a batch file. The file is copied from the catalog to a local temporary file
 * and streamed from it; rows up to the job's cursor (committed by an earlier run) are skipped.
 * Each chunk of rows is validated (as {@code POST /api/v1/decisions} validates), evaluated with
 * the rule set in force on the row's asOfDate, and written — decisions, row results, cursor and
 * counters — in one transaction.
 */
@ApplicationScoped
public class BatchWork implements LongJob {
    /** The authenticated channel of batch decisions. */
    public static final String CHANNEL = "BATCH";
    private static final Logger LOG = Logger.getLogger(BatchWork.class);
    private static final Comparator<Evaluated> BEST = Comparator
            .comparing((Evaluated e) -> e.evaluated().creditLimit(), Comparator.reverseOrder())
            .thenComparing(e -> e.evaluated().annualRatePct(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.candidate().productCode());

    @Inject
    BatchConfig config;
    @Inject
    BatchStore store;
    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    DecisionEngine engine;

    @Override
    public boolean runs(BatchJob job) {
        return BatchJob.BATCH.equals(job.kind);
    }

    /** A product's rule set in force on a day. */
    private record Candidate(String productCode, List<String> segments, RuleSetsInForce.InForce inForce) {
    }

    /** What rows of one asOfDate are decided with. */
    private record Day(BigDecimal lprPct, List<Candidate> candidates, String problem) {
    }

    private record Evaluated(Candidate candidate, EvaluatedDecision evaluated) {
    }

    @Override
    public void run(BatchJob job, BatchRunner runner) throws Exception {
        Path file = Files.createTempFile("loanfactory-batch-", ".upload");
        try {
            store.copyFile(job.id, file, seq -> QuarkusTransaction.requiringNew().call(() -> store.fileChunk(job.id, seq)));
            BatchHeader header = BatchHeader.fromJson(job.columnsJson);
            int cursor = job.cursorRow;
            long[] split = new long[2];
            try (RowSource rows = SourceFiles.open(file, job.fileFormat, job.fileCharset)) {
                RowSource.Row headerRow = rows.next();
                if (headerRow == null) throw new IllegalStateException("the stored file has no header row");
                List<RowSource.Row> chunk = new ArrayList<>(config.chunkSize());
                RowSource.Row row;
                while ((row = rows.next()) != null) {
                    if (row.number() <= cursor) continue;
                    chunk.add(row);
                    if (chunk.size() >= config.chunkSize()) {
                        if (runner.stopping()) return;
                        cursor = decideChunk(job, header, chunk, cursor, runner, split);
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty()) {
                    if (runner.stopping()) return;
                    cursor = decideChunk(job, header, chunk, cursor, runner, split);
                }
            }
            if (runner.stopping()) return;
            LOG.infof("batch %s: this run spent %d ms deciding and %d ms storing", job.id, split[0] / 1_000_000, split[1] / 1_000_000);
            int last = cursor;
            QuarkusTransaction.requiringNew().run(() -> finish(job.id, last, runner));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private int decideChunk(BatchJob job, BatchHeader header, List<RowSource.Row> chunk, int cursor, BatchRunner runner,
                            long[] split) {
        long started = System.nanoTime();
        Map<LocalDate, Day> days = new ConcurrentHashMap<>();
        List<Decision> decisions = new ArrayList<>(chunk.size());
        List<BatchRow> results = new ArrayList<>(chunk.size());
        int[] outcomes = new int[3];
        int failed = 0;
        // the rows of a chunk are decided by a few threads at once, each taking a slice in turn;
        // results are kept in row order
        int threads = Math.max(1, Math.min(config.decideThreads(), chunk.size()));
        List<Future<List<Decided>>> slices = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            slices.add(pool().submit(() -> {
                List<Decided> out = new ArrayList<>();
                for (int i = first; i < chunk.size(); i += threads) out.add(decideRow(job, header, chunk.get(i), days));
                return out;
            }));
        }
        List<List<Decided>> decided;
        try {
            decided = new ArrayList<>(threads);
            for (Future<List<Decided>> f : slices) decided.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchRunner.Stopped();
        } catch (ExecutionException e) {
            throw new IllegalStateException("deciding a chunk failed: " + e.getCause(), e.getCause());
        }
        for (int i = 0; i < chunk.size(); i++) {
            Decided d = decided.get(i % threads).get(i / threads);
            results.add(d.row());
            if (d.decision() != null) decisions.add(d.decision());
            if (BatchRow.ERROR.equals(d.row().status)) failed++;
            else outcomes[Outcome.valueOf(d.row().outcome).ordinal()]++;
        }
        int newCursor = chunk.get(chunk.size() - 1).number();
        long decidedAt = System.nanoTime();
        long millis = (decidedAt - started) / 1_000_000;
        int failedRows = failed;
        QuarkusTransaction.requiringNew().run(() -> {
            BatchJob locked = runner.lockOwned(job.id, cursor);
            store.insertDecisions(decisions);
            store.insertRows(results);
            locked.cursorRow = newCursor;
            locked.done += chunk.size();
            locked.failedRows += failedRows;
            locked.approved += outcomes[Outcome.APPROVED.ordinal()];
            locked.declined += outcomes[Outcome.DECLINED.ordinal()];
            locked.referred += outcomes[Outcome.REFERRED.ordinal()];
            locked.runMillis += (System.nanoTime() - started) / 1_000_000;
        });
        split[0] += decidedAt - started;
        split[1] += System.nanoTime() - decidedAt;
        runner.chunkCommitted();
        LOG.debugf("batch %s: rows to %d committed (%d ms deciding)", job.id, newCursor, millis);
        return newCursor;
    }

    /** A row's result, and its decision when it has one. */
    private record Decided(BatchRow row, Decision decision) {
    }

    private ExecutorService pool;

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(Math.max(1, config.decideThreads()), r -> {
                Thread t = new Thread(r, "loanfactory-batch-decide-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @PreDestroy
    synchronized void shutdown() {
        if (pool != null) pool.shutdownNow();
    }

    private Decided decideRow(BatchJob job, BatchHeader header, RowSource.Row row, Map<LocalDate, Day> days) {
        BatchRow result = new BatchRow();
        result.batchId = job.id;
        result.rowNo = row.number();
        String name = header.cell(row, "applicant.name");
        result.applicantName = name == null ? null : name.length() > 200 ? name.substring(0, 200) : name;
        String idNumber = header.cell(row, "applicant.idNumber");
        result.idNumber = idNumber == null || idNumber.length() > 32 ? null : PersonalData.maskIdNumber(idNumber);
        List<FieldError> errors = new ArrayList<>();
        ObjectNode body = header.request(row, errors);
        body.put("requestId", job.id + "-" + row.number());
        body.put("channel", CHANNEL);
        boolean bestOffer = BatchJob.MODE_BEST_OFFER.equals(job.mode);
        if (!bestOffer) body.put("productCode", job.productCode);
        if (!body.has("asOfDate")) body.put("asOfDate", job.asOfDate.toString());
        DecisionRequest received = null;
        try {
            received = bestOffer ? DecisionRequestReader.readForAllProducts(body, job.asOfDate)
                    : DecisionRequestReader.read(body, job.asOfDate);
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty() || received == null) return new Decided(failed(result, header, row, errors), null);

        DecisionRequest request = received.evaluatedOn(job.asOfDate);
        Day day = days.computeIfAbsent(request.asOfDate(), this::day);
        if (day.problem() != null) return new Decided(failed(result, header, row, List.of(new FieldError("asOfDate", day.problem()))), null);
        String segment = request.applicant().segment().name();
        List<Candidate> candidates = day.candidates().stream()
                .filter(c -> bestOffer ? c.segments().contains(segment) : c.productCode().equals(job.productCode)).toList();
        if (candidates.isEmpty()) {
            return new Decided(failed(result, header, row, List.of(bestOffer
                    ? new FieldError("applicant.segment", "no product for segment " + segment + " has a rule set in force on " + request.asOfDate())
                    : new FieldError("asOfDate", "product " + job.productCode + " has no published rule set in force on " + request.asOfDate()))), null);
        }
        Evaluated chosen;
        try {
            List<Evaluated> all = new ArrayList<>();
            for (Candidate c : candidates) all.add(new Evaluated(c, engine.evaluate(c.inForce().ruleSet(), request, day.lprPct())));
            Optional<Evaluated> best = all.stream().filter(e -> e.evaluated().outcome() != Outcome.DECLINED).min(BEST);
            chosen = best.orElse(all.get(0));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "batch %s row %d: the rules failed", job.id, row.number());
            return new Decided(failed(result, header, row, List.of(new FieldError("$", "the rules failed on this row ("
                    + e.getClass().getSimpleName() + "); nothing was stored for it"))), null);
        }
        String product = chosen.candidate().productCode();
        DecisionRequest receivedFor = bestOffer ? withProduct(received, product) : received;
        DecisionRequest requestFor = bestOffer ? withProduct(request, product) : request;
        Decision decision = StoredDecisions.of(CHANNEL, receivedFor, requestFor, chosen.candidate().inForce().version(),
                chosen.candidate().inForce().ruleSet().sha256(), day.lprPct(), chosen.evaluated(),
                Map.of("requestedBy", job.createdBy));
        EvaluatedDecision d = chosen.evaluated();
        result.status = BatchRow.OK;
        result.productCode = product;
        result.outcome = d.outcome().name();
        result.tierCode = d.tier() == null ? null : d.tier().code();
        result.tierLabel = d.tier() == null ? null : d.tier().label();
        result.creditLimit = d.creditLimit();
        result.annualRatePct = d.annualRatePct();
        result.guarantee = guarantee(d.guarantee());
        result.reasons = cut(d.reasons().stream().map(Reason::code).collect(Collectors.joining(",")), 1000);
        result.reasonsZh = cut(d.reasons().stream().map(Reason::message).collect(Collectors.joining("；")), 2000);
        result.decisionId = decision.id;
        return new Decided(result, decision);
    }

    private static DecisionRequest withProduct(DecisionRequest r, String productCode) {
        return new DecisionRequest(r.requestId(), productCode, r.asOfDate(), r.channel(), r.applicant(), r.application());
    }

    /** securedBy when a guarantee secures the line; else what the line requires; else NONE (信用). */
    static String guarantee(EvaluatedDecision.Guarantee g) {
        if (g == null) return null;
        if (g.securedBy() != null) return g.securedBy().name();
        if (g.required()) return "REQUIRED:" + g.acceptableTypes().stream().map(GuaranteeType::name).collect(Collectors.joining("/"));
        return "NONE";
    }

    private Day day(LocalDate date) {
        return QuarkusTransaction.requiringNew().call(() -> {
            BigDecimal lpr;
            try {
                lpr = ruleSets.lprOn(date);
            } catch (RuntimeException e) {
                return new Day(null, List.of(), "no LPR in force on " + date);
            }
            if (lpr == null) return new Day(null, List.of(), "no LPR in force on " + date);
            List<Candidate> candidates = new ArrayList<>();
            for (Product p : Product.<Product>list("order by code")) {
                ruleSets.of(p, date).ifPresent(v -> candidates.add(new Candidate(p.code, p.segmentList(), v)));
            }
            return new Day(lpr, candidates, null);
        });
    }

    private static BatchRow failed(BatchRow result, BatchHeader header, RowSource.Row row, List<FieldError> errors) {
        result.status = BatchRow.ERROR;
        List<Map<String, Object>> out = new ArrayList<>();
        for (FieldError e : errors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", row.number());
            m.put("column", header.columnOf(e.field()));
            m.put("field", e.field());
            m.put("message", e.message());
            out.add(m);
        }
        result.errors = ApiJson.write(out);
        return result;
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private void finish(String jobId, int cursor, BatchRunner runner) {
        BatchJob job = runner.lockOwned(jobId, cursor);
        job.report = ApiJson.write(BatchSummary.of(jobId));
        job.status = BatchJob.DONE;
        job.owner = null;
        job.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LOG.infof("batch %s done: %d rows, %d refused, %d approved, %d declined, %d referred in %d ms", jobId, job.done,
                job.failedRows, job.approved, job.declined, job.referred, job.runMillis);
    }
}

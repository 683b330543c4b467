package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.platform.Causes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Group commit of decisions (issue 11). Callers hand their decision row to {@link #write} and
 * wait; a few writer threads each take every decision waiting (up to {@link #maxBatch}), insert
 * them with plain JDBC in one transaction and commit it once, then tell each caller what became
 * of its own row. One durable commit (one log flush) thus covers many decisions, and a caller is
 * answered only after the transaction holding its row committed.
 *
 * <p>Per row: {@link Outcome#STORED} (committed), {@link Outcome#DUPLICATE} (the unique key
 * (channel, request_id) already held a row, committed now: the caller answers with it), or the
 * failure that kept it from being stored. A Galera certification conflict or an InnoDB deadlock
 * (1213 / 40001) rolls the transaction back: the batch is tried again, three attempts in all. Any
 * other failure, including a commit that is not confirmed, fails every row of the batch.
 */
@ApplicationScoped
public class DecisionWriter {
    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);
    static final int MAX_ATTEMPTS = 3;
    private static final String INSERT = "INSERT INTO decision (id, request_id, request_hash, product_code, "
            + "rule_set_version, rule_set_sha256, engine_version, as_of_date, lpr_pct, outcome, credit_limit, "
            + "annual_rate_pct, channel, request_json, response_json, fired_rules, decided_at, record_hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public enum Outcome { STORED, DUPLICATE }

    private record Pending(Decision decision, CompletableFuture<Outcome> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    /** Tests only: runs on the writer's connection after the inserts, before the commit. */
    private volatile Consumer<Connection> beforeCommit;

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "loanfactory.decisions.writer-threads", defaultValue = "3")
    int writerThreads;
    @ConfigProperty(name = "loanfactory.decisions.max-batch", defaultValue = "200")
    int maxBatch;

    void start(@Observes StartupEvent ignored) {
        running = true;
        for (int i = 1; i <= writerThreads; i++) {
            Thread t = new Thread(this::run, "decision-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** Tests only: {@code hook} runs before each commit of a batch (null: none). */
    public void beforeCommit(Consumer<Connection> hook) {
        this.beforeCommit = hook;
    }

    /**
     * Queues {@code decision} for the next batch; the future completes once its transaction
     * committed (or failed). The row's content, record hash included, is final.
     */
    public CompletableFuture<Outcome> write(Decision decision) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the decision writer is not running"));
            return done;
        }
        queue.add(new Pending(decision, done));
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable e) {
                // never leave a caller waiting: whatever went wrong fails the rows not answered yet
                for (Pending p : batch) p.done().completeExceptionally(e);
                LOG.errorf(e, "decision writer failed on a batch of %d", batch.size());
            } finally {
                batch.clear();
            }
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(new IllegalStateException("the service is shutting down"));
        }
    }

    private void writeBatch(List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Outcome> outcomes = insertAndCommit(batch);
                for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(outcomes.get(i));
                return;
            } catch (SQLException | RuntimeException e) {
                if (!isRetryableConflict(e) || attempt >= MAX_ATTEMPTS) {
                    for (Pending p : batch) p.done().completeExceptionally(e);
                    return;
                }
                LOG.debugf("decision batch of %d rolled back by a conflict (attempt %d): %s", batch.size(), attempt, e);
            }
        }
    }

    /** One transaction: the rows, then one commit. Throws if the transaction did not commit. */
    private List<Outcome> insertAndCommit(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Outcome> outcomes = batch.size() > 1 ? insertBatch(c, batch) : null;
                if (outcomes == null) outcomes = insertEach(c, batch);
                Consumer<Connection> hook = beforeCommit;
                if (hook != null) hook.accept(c);
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection: the pool drops it
                }
            }
        }
    }

    /** All rows in one JDBC batch; null if a row was refused by a unique key (then the caller inserts row by row). */
    private List<Outcome> insertBatch(Connection c, List<Pending> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Pending p : batch) {
                bind(ps, p.decision());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if (!Causes.isDuplicateKey(e)) throw e;
            c.rollback();
            return null;
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) outcomes.add(Outcome.STORED);
        return outcomes;
    }

    /** Row by row: a statement refused by the unique key is undone alone, and the others commit. */
    private List<Outcome> insertEach(Connection c, List<Pending> batch) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Pending p : batch) {
                bind(ps, p.decision());
                try {
                    ps.executeUpdate();
                    outcomes.add(Outcome.STORED);
                } catch (SQLException e) {
                    if (!Causes.isDuplicateKey(e)) throw e;
                    outcomes.add(Outcome.DUPLICATE);
                }
            }
        }
        return outcomes;
    }

    private static void bind(PreparedStatement ps, Decision d) throws SQLException {
        ps.setString(1, d.id);
        ps.setString(2, d.requestId);
        ps.setString(3, d.requestHash);
        ps.setString(4, d.productCode);
        ps.setInt(5, d.ruleSetVersion);
        ps.setString(6, d.ruleSetSha256);
        ps.setString(7, d.engineVersion);
        ps.setObject(8, d.asOfDate);
        ps.setBigDecimal(9, d.lprPct);
        ps.setString(10, d.outcome);
        ps.setBigDecimal(11, d.creditLimit);
        ps.setBigDecimal(12, d.annualRatePct);
        ps.setString(13, d.channel);
        ps.setString(14, d.requestJson);
        ps.setString(15, d.responseJson);
        ps.setString(16, d.firedRules);
        // DATETIME(3) in UTC, as Hibernate writes it (quarkus.hibernate-orm.jdbc.timezone=UTC)
        ps.setObject(17, LocalDateTime.ofInstant(d.decidedAt, ZoneOffset.UTC));
        ps.setString(18, d.recordHash);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; nothing was committed
        }
    }

    static boolean isRetryableConflict(Throwable e) {
        return Causes.anySql(e, sql -> sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState()));
    }
}

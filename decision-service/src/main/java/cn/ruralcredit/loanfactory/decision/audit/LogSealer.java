package cn.ruralcredit.loanfactory.decision.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seals the decision log: gives stored decisions that have no place in the log yet consecutive
 * sequence numbers, chains them ({@link SealChain#link}) and closes each batch with an HMAC-signed
 * row of {@code decision_seal}. It runs in the background every {@code loanfactory.audit.seal-interval}
 * and on demand ({@link #sealPending()}, before every verification).
 * <p>
 * Decisions never wait for it. A decision insert locks only its own new row; the sealer locks the
 * one row of {@code decision_chain_head} (which no decision touches) so that a single sealer of the
 * cluster works at a time, reads the unsealed rows without locking them (a consistent read) and
 * updates each by primary key. Decisions committed while a batch is being sealed are left for the
 * next batch.
 * <p>
 * Each batch is logged at INFO with its numbers and head hash: the log lines are the external
 * anchor that shows whether the newest batches were removed together with their seals.
 */
@ApplicationScoped
public class LogSealer {
    private static final Logger LOG = Logger.getLogger(LogSealer.class);
    /** A failing background seal is logged at its first failure, then once in this many. */
    private static final int LOG_EVERY_FAILURES = 60;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditConfig config;

    private volatile SealKeys keys;
    private ScheduledExecutorService background;
    private int failuresInARow;

    void onStart(@Observes StartupEvent event) {
        String key = config.sealKey();
        keys = SealKeys.of(config.sealKeyId(), key, config.oldSealKeys());
        if (!keys.oldIds().isEmpty()) {
            LOG.infof("the decision log is sealed with key %s; old keys %s verify the seals they made and sign nothing",
                    keys.currentId(), keys.oldIds());
        }
        if (AuditConfig.DEV_SEAL_KEY.equals(key) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("The decision log is sealed with the public development key: anyone can forge its seals. "
                    + "Set LOANFACTORY_AUDIT_SEAL_KEY to a secret of 32 characters or more in production.");
        }
        long interval = config.sealInterval().toMillis();
        if (interval <= 0 || config.sealBatchSize() <= 0) {
            throw new IllegalStateException("loanfactory.audit.seal-interval and seal-batch-size must be positive");
        }
        background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "decision-log-sealer");
            thread.setDaemon(true);
            return thread;
        });
        background.scheduleWithFixedDelay(this::sealInBackground, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (background == null) return;
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    SealKeys keys() {
        return keys;
    }

    /**
     * Seals with {@code rotated} from now on, as a restart with another seal configuration would:
     * for the rotation test, which must rotate inside one running service.
     */
    void useKeys(SealKeys rotated) {
        keys = rotated;
    }

    /** Seals every decision stored so far, batch by batch; returns how many it sealed. */
    public long sealPending() {
        long sealed = 0;
        while (true) {
            int batch = QuarkusTransaction.requiringNew().call(this::sealOneBatch);
            sealed += batch;
            if (batch < config.sealBatchSize()) return sealed;
        }
    }

    private void sealInBackground() {
        try {
            sealPending();
            if (failuresInARow > 0) LOG.infof("sealing the decision log works again after %d failed attempts", failuresInARow);
            failuresInARow = 0;
        } catch (Throwable e) {
            // never let the exception escape: the executor would stop scheduling the sealer
            if (failuresInARow++ % LOG_EVERY_FAILURES == 0) {
                LOG.errorf(e, "sealing the decision log failed (%d time(s) in a row); retrying every %s",
                        failuresInARow, config.sealInterval());
            }
        }
    }

    private record Pending(String id, Instant decidedAt, String recordHash) {
    }

    /** One batch, in the caller's transaction: the head is locked until it commits. */
    private int sealOneBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long batchNo;
            long lastSeq;
            String head;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT batch_no, last_seq, head FROM decision_chain_head WHERE id = 1 FOR UPDATE")) {
                if (!rs.next()) throw new IllegalStateException("decision_chain_head has no row: the log cannot be sealed");
                batchNo = rs.getLong(1);
                lastSeq = rs.getLong(2);
                head = rs.getString(3);
            }
            List<Pending> pending = unsealed(c);
            if (pending.isEmpty()) return 0;

            long seq = lastSeq;
            String previous = head;
            Instant min = pending.get(0).decidedAt();
            Instant max = min;
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE decision SET record_hash = ?, seal_seq = ?, chain_hash = ? WHERE id = ? AND seal_seq IS NULL")) {
                for (Pending p : pending) {
                    String recordHash = p.recordHash() != null ? p.recordHash() : recordHashOf(c, p.id());
                    previous = SealChain.link(previous, ++seq, recordHash);
                    if (p.decidedAt().isBefore(min)) min = p.decidedAt();
                    if (p.decidedAt().isAfter(max)) max = p.decidedAt();
                    update.setString(1, recordHash);
                    update.setLong(2, seq);
                    update.setString(3, previous);
                    update.setString(4, p.id());
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    if (count == 0) throw new IllegalStateException("a decision being sealed was changed meanwhile; batch rolled back");
                }
            }
            SealKeys signing = keys;
            SealChain.Seal seal = new SealChain.Seal(batchNo + 1, lastSeq + 1, seq, pending.size(), min.toEpochMilli(),
                    max.toEpochMilli(), head, previous, null, signing.currentId());
            insertSeal(c, seal, signing.sign(seal));
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE decision_chain_head SET batch_no = ?, last_seq = ?, head = ?, updated_at = ? WHERE id = 1")) {
                s.setLong(1, seal.batchNo());
                s.setLong(2, seal.lastSeq());
                s.setString(3, seal.head());
                s.setObject(4, DecisionRows.utc(Instant.now()));
                s.executeUpdate();
            }
            LOG.infof("sealed decision log batch %d: seq %d-%d (%d records), head %s, key %s",
                    seal.batchNo(), seal.firstSeq(), seal.lastSeq(), seal.recordCount(), seal.head(), seal.keyId());
            return pending.size();
        }
    }

    /** The oldest unsealed decisions, read without locks: inserts go on meanwhile. */
    private List<Pending> unsealed(Connection c) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, decided_at, record_hash FROM decision WHERE seal_seq IS NULL ORDER BY decided_at, id LIMIT ?")) {
            s.setInt(1, config.sealBatchSize());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) pending.add(new Pending(rs.getString(1), DecisionRows.instant(rs, "decided_at"), rs.getString(3)));
            }
        }
        return pending;
    }

    /** A decision stored before record hashes existed (V5): its hash from its content, as it is now. */
    private static String recordHashOf(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + DecisionRows.COLUMNS + " FROM decision WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("decision " + id + " vanished while being sealed");
                return RecordHash.of(DecisionRows.read(rs).decision());
            }
        }
    }

    private static void insertSeal(Connection c, SealChain.Seal seal, String mac) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO decision_seal (batch_no, first_seq, last_seq, record_count, "
                + "min_decided_at, max_decided_at, prev_head, head, mac, sealed_at, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, seal.batchNo());
            s.setLong(2, seal.firstSeq());
            s.setLong(3, seal.lastSeq());
            s.setInt(4, seal.recordCount());
            s.setObject(5, DecisionRows.utc(Instant.ofEpochMilli(seal.minDecidedAtMillis())));
            s.setObject(6, DecisionRows.utc(Instant.ofEpochMilli(seal.maxDecidedAtMillis())));
            s.setString(7, seal.prevHead());
            s.setString(8, seal.head());
            s.setString(9, mac);
            s.setObject(10, DecisionRows.utc(Instant.now()));
            s.setString(11, seal.keyId());
            s.executeUpdate();
        }
    }
}

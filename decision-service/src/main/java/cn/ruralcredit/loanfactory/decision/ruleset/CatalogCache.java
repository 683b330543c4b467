package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The catalog decisions read, kept in memory ({@link CatalogSnapshot}) instead of read from the
 * database for every decision (issue 11). It is never stale by more than a bound:
 * <ul>
 *   <li>a change made through this node (publish, retire, rollback, a new LPR, a new product) marks it
 *       stale when its transaction commits ({@link #changedInThisTransaction}), so the next decision
 *       here reads the catalog again;</li>
 *   <li>every change to {@code product}, {@code rule_set_version} or {@code market_rate}, by any
 *       node or by SQL, bumps the row of {@code catalog_generation} in its own transaction (database
 *       triggers, V10); a poller reads that row every {@link #POLL} and reloads when it moved;</li>
 *   <li>a decision never uses a snapshot whose generation was last confirmed more than
 *       {@link #MAX_AGE} ago: it confirms it first, synchronously, and a database that cannot be
 *       asked is a 503 (fail closed), never a decision on a catalog that may be out of date.</li>
 * </ul>
 * So a publish on one node is in force on every node sharing the database within
 * {@code MAX_AGE} plus one read. A snapshot is one consistent read (one transaction), so a decision
 * never mixes versions; a retired or superseded version is not in a newer snapshot at all.
 */
@ApplicationScoped
public class CatalogCache {
    private static final Logger LOG = Logger.getLogger(CatalogCache.class);
    public static final Duration POLL = Duration.ofMillis(100);
    public static final Duration MAX_AGE = Duration.ofMillis(300);

    private final AtomicLong localChanges = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final LongSupplier nanoTime = System::nanoTime;
    private volatile CatalogSnapshot current;
    /** When {@link #current}'s generation was last confirmed against the database (nanoTime). */
    private volatile long confirmedAt;
    private ScheduledExecutorService poller;
    /** Told of every snapshot loaded (on the loading thread: it must not block). */
    private volatile java.util.function.Consumer<CatalogSnapshot> onReload = snapshot -> { };

    @Inject
    AgroalDataSource agroal;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private DataSource dataSource;

    /** For a cache over another data source than the application's (a second node in a test). */
    public static CatalogCache over(DataSource dataSource) {
        CatalogCache cache = new CatalogCache();
        cache.dataSource = dataSource;
        return cache;
    }

    private DataSource dataSource() {
        return dataSource != null ? dataSource : agroal;
    }

    void start(@Observes StartupEvent ignored) {
        startPolling();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopPolling();
    }

    /** Starts the background poll of the catalog generation. */
    public synchronized void startPolling() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-generation-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stopPolling() {
        if (poller != null) poller.shutdownNow();
        poller = null;
    }

    /** {@code listener} is told of every snapshot loaded from now on; it must return at once. */
    public void onReload(java.util.function.Consumer<CatalogSnapshot> listener) {
        this.onReload = listener;
    }

    /** Full reads of the catalog so far. */
    public long reloads() {
        return reloads.get();
    }

    /**
     * The catalog for a decision made now: confirmed against the database within {@link #MAX_AGE}
     * and after every change this node committed.
     *
     * @throws ProblemException 503 when the database cannot be asked
     */
    public CatalogSnapshot snapshot() {
        CatalogSnapshot s = current;
        if (s != null && s.localMark == localChanges.get() && nanoTime.getAsLong() - confirmedAt <= MAX_AGE.toNanos()) {
            return s;
        }
        try {
            return refresh();
        } catch (SQLException | RuntimeException e) {
            throw ProblemException.storeUnavailable("the catalog could not be read to confirm the rule set in force; "
                    + "no decision was made, retry with the same requestId", e);
        }
    }

    /** Reads the generation now and reloads the catalog if it moved; what tests and the poller call. */
    public synchronized CatalogSnapshot refresh() throws SQLException {
        long mark = localChanges.get();
        long checkedAt = nanoTime.getAsLong();
        CatalogSnapshot s = current;
        try (Connection c = dataSource().getConnection()) {
            if (s != null && s.localMark == mark && generation(c) == s.generation) {
                confirmedAt = checkedAt;
                return s;
            }
            CatalogSnapshot loaded = load(c, mark);
            current = loaded;
            confirmedAt = checkedAt;
            reloads.incrementAndGet();
            onReload.accept(loaded);
            if (s != null) LOG.debugf("catalog generation %d → %d", s.generation, loaded.generation);
            return loaded;
        }
    }

    /** Marks the cache stale now: the next decision reads the catalog again. */
    public void changed() {
        localChanges.incrementAndGet();
    }

    /**
     * Marks the cache stale when the current transaction commits (and also if it rolls back: a
     * reload more is harmless). Call from whatever changes the catalog on this node.
     */
    public void changedInThisTransaction() {
        changed();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                changed();
                if (status != Status.STATUS_COMMITTED) LOG.debug("catalog change rolled back");
            }
        });
    }

    private void pollQuietly() {
        try {
            refresh();
        } catch (Exception e) {
            // the next decision confirms the catalog itself, and fails closed (503) if it cannot
            LOG.debugf("catalog generation poll failed: %s", e.toString());
        }
    }

    private static long generation(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM catalog_generation WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("catalog_generation has no row 1");
            return rs.getLong(1);
        }
    }

    /** One consistent read (a REPEATABLE READ transaction) of everything decisions need. */
    private static CatalogSnapshot load(Connection c, long mark) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
            long generation = generation(c);
            Map<String, List<CatalogSnapshot.Published>> published = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM product"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) published.put(rs.getString(1), new ArrayList<>());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT p.code, v.id, v.version, v.sha256, v.effective_from "
                    + "FROM rule_set_version v JOIN product p ON p.id = v.product_id "
                    + "WHERE v.status = 'PUBLISHED' AND v.effective_from IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    published.get(rs.getString(1)).add(new CatalogSnapshot.Published(rs.getLong(2), rs.getInt(3),
                            rs.getString(4), rs.getObject(5, LocalDate.class)));
                }
            }
            Comparator<CatalogSnapshot.Published> newestFirst = Comparator
                    .comparing(CatalogSnapshot.Published::effectiveFrom).thenComparingInt(CatalogSnapshot.Published::version)
                    .reversed();
            Map<String, List<CatalogSnapshot.Published>> frozen = new HashMap<>();
            published.forEach((code, list) -> {
                list.sort(newestFirst);
                frozen.put(code, List.copyOf(list));
            });
            List<CatalogSnapshot.Published> approved = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id, v.version, v.sha256, v.effective_from "
                    + "FROM rule_set_version v WHERE v.status = 'APPROVED'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    approved.add(new CatalogSnapshot.Published(rs.getLong(1), rs.getInt(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class)));
                }
            }
            Map<LocalDate, BigDecimal> lpr = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT effective_from, rate_pct FROM market_rate WHERE rate_type = 'LPR_1Y'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) lpr.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
            }
            c.commit();
            return new CatalogSnapshot(generation, mark, Map.copyOf(frozen), new LprSchedule(lpr), List.copyOf(approved));
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
        }
    }
}

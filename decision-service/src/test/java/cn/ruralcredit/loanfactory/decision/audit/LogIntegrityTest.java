package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tamper-evident decision log against a real MariaDB: decisions made over HTTP, then rows
 * edited, deleted, swapped and re-chained directly in the database, as someone with database access
 * but without the seal key could. Every test puts the rows back exactly (the database is shared
 * with every other test class) and checks that the log is intact again.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class LogIntegrityTest {
    private static final String VERIFY = "/api/v1/audit/verify";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LogSealer sealer;

    @Test
    void shouldFindTheLogIntactWithEveryStoredDecisionSealedAndChecked() throws SQLException {
        List<String> ids = List.of(decide(), decide(), decide());
        long stored = number("SELECT COUNT(*) FROM decision");
        verify("")
                .body("intact", equalTo(true))
                .body("firstBroken", nullValue())
                .body("from", nullValue())
                .body("to", nullValue())
                .body("checked", equalTo((int) stored))
                .body("firstSeq", equalTo(1))
                .body("lastSeq", equalTo((int) stored))
                .body("sealedThrough", equalTo((int) stored))
                .body("unsealed", equalTo(0));
        for (String id : ids) {
            Decision entity = QuarkusTransaction.requiringNew().call(() -> Decision.<Decision>findById(id));
            assertEquals(RecordHash.of(entity), entity.recordHash, "the hash written with the decision is that of its content");
            assertEquals(entity.recordHash, RecordHash.of(read(id).decision()), "and of the row as MariaDB gives it back");
            assertNotNull(read(id).sealSeq());
        }
    }

    @Test
    void shouldNameTheDecisionWhoseContentWasEditedInTheDatabase() throws SQLException {
        String id = decide();
        verify("").body("intact", equalTo(true));
        long seq = seqOf(id);
        String original = text("SELECT response_json FROM decision WHERE id = ?", id);
        String altered = original.replace("\"creditLimit\":80000", "\"creditLimit\":800000");
        assertNotEquals(original, altered);
        try {
            assertEquals(1, update("UPDATE decision SET response_json = ? WHERE id = ?", altered, id));
            verify("")
                    .body("intact", equalTo(false))
                    .body("checked", equalTo((int) seq - 1))
                    .body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.decisionId", equalTo(id))
                    .body("firstBroken.batchNo", equalTo((int) batchOf(seq)[0]))
                    .body("firstBroken.problem", equalTo("CONTENT_CHANGED"))
                    .body("firstBroken.detail", equalTo("the stored content no longer matches its record hash"));
        } finally {
            update("UPDATE decision SET response_json = ? WHERE id = ?", original, id);
        }
        verify("").body("intact", equalTo(true)).body("firstBroken", nullValue());
    }

    @Test
    void shouldNameTheMissingSequenceNumberOfADeletedDecision() throws SQLException {
        String id = decide();
        decide();
        verify("").body("intact", equalTo(true));
        long seq = seqOf(id);
        String next = idAt(seq + 1);
        saveRow("decision", "id", id);
        try {
            assertEquals(1, update("DELETE FROM decision WHERE id = ?", id));
            verify("")
                    .body("intact", equalTo(false))
                    .body("checked", equalTo((int) seq - 1))
                    .body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.decisionId", equalTo(next))
                    .body("firstBroken.problem", equalTo("MISSING"));
        } finally {
            restoreRow("decision", "id", id);
        }
        verify("").body("intact", equalTo(true));

        // the newest record of the log: no record after it to name
        long last = number("SELECT last_seq FROM decision_chain_head");
        String newest = idAt(last);
        saveRow("decision", "id", newest);
        try {
            assertEquals(1, update("DELETE FROM decision WHERE id = ?", newest));
            verify("")
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) last))
                    .body("firstBroken.decisionId", nullValue())
                    .body("firstBroken.problem", equalTo("MISSING"));
        } finally {
            restoreRow("decision", "id", newest);
        }
        verify("").body("intact", equalTo(true));
    }

    @Test
    void shouldNoticeTwoDecisionsSwappedInTheLog() throws SQLException {
        String first = decide();
        decide();
        verify("").body("intact", equalTo(true));
        long seq = seqOf(first);
        String second = idAt(seq + 1);
        String firstChain = read(first).chainHash();
        String secondChain = read(second).chainHash();
        try {
            // each takes the other's place and chain hash
            moveAside(first, second, seq);
            place(second, seq, firstChain);
            place(first, seq + 1, secondChain);
            verify("")
                    .body("intact", equalTo(false))
                    .body("checked", equalTo((int) seq - 1))
                    .body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.decisionId", equalTo(second))
                    .body("firstBroken.problem", equalTo("OUT_OF_ORDER"));
        } finally {
            moveAside(first, second, seq);
            place(first, seq, firstChain);
            place(second, seq + 1, secondChain);
        }
        verify("").body("intact", equalTo(true));
    }

    @Test
    void shouldBreakTheSealWhenContentAndChainAreRewrittenWithoutTheKey() throws SQLException {
        String id = decide();
        decide();
        verify("").body("intact", equalTo(true));
        long seq = seqOf(id);
        long[] batch = batchOf(seq);
        long lastSeq = number("SELECT MAX(seal_seq) FROM decision");
        List<DecisionRows.Row> saved = new ArrayList<>();
        for (long s = seq; s <= lastSeq; s++) saved.add(read(idAt(s)));
        Map<String, String> seal = row("decision_seal", "batch_no", batch[0]);
        try {
            // an attacker edits the decision, then recomputes its record hash and every chain hash after it
            String original = saved.get(0).decision().responseJson;
            update("UPDATE decision SET response_json = ? WHERE id = ?",
                    original.replace("\"creditLimit\":80000", "\"creditLimit\":800000"), id);
            String previous = seq == 1 ? SealChain.GENESIS : read(idAt(seq - 1)).chainHash();
            String headOfBatch = null;
            for (DecisionRows.Row row : saved) {
                String recordHash = RecordHash.of(read(row.decision().id).decision());
                previous = SealChain.link(previous, row.sealSeq(), recordHash);
                update("UPDATE decision SET record_hash = ?, chain_hash = ? WHERE id = ?", recordHash, previous, row.decision().id);
                if (row.sealSeq() == batch[2]) headOfBatch = previous;
            }
            verify("")
                    .body("intact", equalTo(false))
                    .body("checked", equalTo((int) batch[2]))
                    .body("firstBroken.seq", equalTo((int) batch[2]))
                    .body("firstBroken.decisionId", equalTo(idAt(batch[2])))
                    .body("firstBroken.batchNo", equalTo((int) batch[0]))
                    .body("firstBroken.problem", equalTo("SEAL_BROKEN"))
                    .body("firstBroken.detail", containsString("no longer chain to the head of its seal"));

            // ... and the seal's head too: the MAC, which needs the key, gives it away
            update("UPDATE decision_seal SET head = ? WHERE batch_no = ?", headOfBatch, batch[0]);
            verify("")
                    .body("intact", equalTo(false))
                    .body("checked", equalTo((int) batch[1] - 1))
                    .body("firstBroken.seq", equalTo((int) batch[1]))
                    .body("firstBroken.batchNo", equalTo((int) batch[0]))
                    .body("firstBroken.problem", equalTo("SEAL_BROKEN"))
                    .body("firstBroken.detail", containsString("does not carry a valid MAC"));
        } finally {
            for (DecisionRows.Row row : saved) {
                update("UPDATE decision SET response_json = ?, record_hash = ?, chain_hash = ? WHERE id = ?",
                        row.decision().responseJson, row.decision().recordHash, row.chainHash(), row.decision().id);
            }
            update("UPDATE decision_seal SET head = ? WHERE batch_no = ?", seal.get("head"), batch[0]);
        }
        verify("").body("intact", equalTo(true));
    }

    @Test
    void shouldNoticeTheNewestSealRemoved() throws SQLException {
        decide();
        verify("").body("intact", equalTo(true));
        long batchNo = number("SELECT batch_no FROM decision_chain_head");
        Map<String, String> seal = row("decision_seal", "batch_no", batchNo);
        long firstSeq = Long.parseLong(seal.get("first_seq"));
        saveRow("decision_seal", "batch_no", batchNo);
        try {
            assertEquals(1, update("DELETE FROM decision_seal WHERE batch_no = ?", batchNo));
            verify("")
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) firstSeq))
                    .body("firstBroken.decisionId", equalTo(idAt(firstSeq)))
                    .body("firstBroken.batchNo", equalTo((int) batchNo))
                    .body("firstBroken.problem", equalTo("SEAL_BROKEN"))
                    .body("firstBroken.detail", equalTo("there is no seal for batch " + batchNo));
        } finally {
            restoreRow("decision_seal", "batch_no", batchNo);
        }
        verify("").body("intact", equalTo(true));
    }

    /**
     * Three decisions stored before record hashes existed (no record_hash), on 2020-01-01 in
     * Shanghai: sealed alone in one batch, their hashes filled in from their content; a range
     * checks only the batches of its days, in Asia/Shanghai.
     */
    @Test
    void shouldSealOldDecisionsAndCheckOnlyTheBatchesOfTheDaysAskedFor() throws SQLException {
        String today = decide();
        sealer.sealPending();
        List<String> legacy = insertLegacyCopies(today, List.of(
                Instant.parse("2019-12-31T16:30:00.000Z"),      // 2020-01-01 00:30 in Shanghai
                Instant.parse("2020-01-01T04:00:00.000Z"),
                Instant.parse("2020-01-01T15:59:59.999Z")));    // 2020-01-01 23:59:59.999 in Shanghai
        verify("?from=2020-01-01&to=2020-01-01")
                .body("intact", equalTo(true))
                .body("from", equalTo("2020-01-01"))
                .body("to", equalTo("2020-01-01"))
                .body("checked", equalTo(3))
                .body("batches", equalTo(1))
                .body("firstBroken", nullValue());
        long first = seqOf(legacy.get(0));
        assertEquals(List.of(first, first + 1, first + 2), List.of(seqOf(legacy.get(0)), seqOf(legacy.get(1)), seqOf(legacy.get(2))));
        verify("?from=2020-01-01&to=2020-01-01").body("firstSeq", equalTo((int) first)).body("lastSeq", equalTo((int) first + 2));
        for (String id : legacy) {
            DecisionRows.Row row = read(id);
            assertEquals(RecordHash.of(row.decision()), row.decision().recordHash, "filled in from the content when sealed");
        }
        verify("?to=2019-12-31").body("intact", equalTo(true)).body("checked", equalTo(0)).body("batches", equalTo(0))
                .body("firstSeq", nullValue()).body("lastSeq", nullValue());
        verify("?from=2020-01-02&to=2020-01-02").body("checked", equalTo(0));

        // a break outside the days asked for is not looked at; inside them it is
        long seq = seqOf(today);
        String original = text("SELECT response_json FROM decision WHERE id = ?", today);
        LocalDate now = LocalDate.now(DecisionClock.ZONE);
        try {
            update("UPDATE decision SET response_json = ? WHERE id = ?", original + " ", today);
            verify("?from=2020-01-01&to=2020-01-01").body("intact", equalTo(true)).body("checked", equalTo(3));
            verify("?from=" + now.minusDays(1) + "&to=" + now.plusDays(1))
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.decisionId", equalTo(today))
                    .body("firstBroken.problem", equalTo("CONTENT_CHANGED"));
            verify("?from=2020-01-01").body("intact", equalTo(false)).body("firstBroken.decisionId", equalTo(today));
        } finally {
            update("UPDATE decision SET response_json = ? WHERE id = ?", original, today);
        }
        verify("").body("intact", equalTo(true));
    }

    /**
     * A seal in progress (head locked, rows being sealed, seal row inserted, not committed) does
     * not hold up decisions: they are written, with their record hash, and sealed afterwards.
     */
    @Test
    void shouldDecideWhileASealHoldsTheHeadOfTheLog() throws Exception {
        sealer.sealPending();
        try (Connection seal = dataSource.getConnection()) {
            seal.setAutoCommit(false);
            long lastSeq;
            long batchNo;
            try (PreparedStatement s = seal.prepareStatement("SELECT batch_no, last_seq FROM decision_chain_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                batchNo = rs.getLong(1);
                lastSeq = rs.getLong(2);
            }
            String a = decideWithin10Seconds();
            String b = decideWithin10Seconds();
            DecisionRows.Row unsealed = read(a);
            assertNull(unsealed.sealSeq(), "the sealer waits for the head");
            assertEquals(RecordHash.of(unsealed.decision()), unsealed.decision().recordHash, "written with the decision");

            for (String id : List.of(a, b)) {
                try (PreparedStatement s = seal.prepareStatement("UPDATE decision SET seal_seq = ?, chain_hash = ? WHERE id = ?")) {
                    s.setLong(1, ++lastSeq);
                    s.setString(2, "0".repeat(64));
                    s.setString(3, id);
                    assertEquals(1, s.executeUpdate());
                }
            }
            try (PreparedStatement s = seal.prepareStatement("INSERT INTO decision_seal (batch_no, first_seq, last_seq, record_count, "
                    + "min_decided_at, max_decided_at, prev_head, head, mac, sealed_at, key_id) VALUES (?, ?, ?, 2, NOW(3), NOW(3), ?, ?, ?, NOW(3), 'k1')")) {
                s.setLong(1, batchNo + 1);
                s.setLong(2, lastSeq - 1);
                s.setLong(3, lastSeq);
                s.setString(4, "0".repeat(64));
                s.setString(5, "0".repeat(64));
                s.setString(6, "0".repeat(64));
                s.executeUpdate();
            }
            String c = decideWithin10Seconds();
            assertNull(read(c).sealSeq());
            seal.rollback();
        }
        verify("").body("intact", equalTo(true)).body("unsealed", equalTo(0));
    }

    @Test
    void shouldRefuseDatesThatAreNotDatesOrInTheWrongOrder() {
        Auth.as(AUDITOR).get(VERIFY + "?from=2026-13-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        Auth.as(AUDITOR).get(VERIFY + "?from=2026-03-01&to=yesterday").then().statusCode(400)
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("to"));
        Auth.as(AUDITOR).get(VERIFY + "?from=2026-03-02&to=2026-03-01").then().statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", equalTo("must not be after to"));
    }

    @Test
    void onlyAuditorsMayVerifyTheLog() {
        AccessMatrix.of("GET " + VERIFY, r -> r.get(VERIFY))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, ADMIN)
                .forbidsChannel()
                .admits(200, AUDITOR);
    }

    // --- helpers ---

    private static String decide() {
        return Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    /** A decision from another thread, failing the test if it waits on a lock instead of answering. */
    private static String decideWithin10Seconds() throws Exception {
        return CompletableFuture.supplyAsync(LogIntegrityTest::decide).get(10, TimeUnit.SECONDS);
    }

    private static ValidatableResponse verify(String query) {
        return Auth.as(AUDITOR).when().get(VERIFY + query).then().statusCode(200).contentType(ContentType.JSON);
    }

    private DecisionRows.Row read(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + DecisionRows.COLUMNS + " FROM decision WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no decision " + id);
                return DecisionRows.read(rs);
            }
        }
    }

    private long seqOf(String id) throws SQLException {
        return number("SELECT seal_seq FROM decision WHERE id = ?", id);
    }

    private String idAt(long seq) throws SQLException {
        return text("SELECT id FROM decision WHERE seal_seq = ?", seq);
    }

    /** {batch_no, first_seq, last_seq} of the batch that seals {@code seq}. */
    private long[] batchOf(long seq) throws SQLException {
        long batchNo = number("SELECT batch_no FROM decision_seal WHERE ? BETWEEN first_seq AND last_seq", seq);
        return new long[]{batchNo, number("SELECT first_seq FROM decision_seal WHERE batch_no = ?", batchNo),
                number("SELECT last_seq FROM decision_seal WHERE batch_no = ?", batchNo)};
    }

    /** Gives two records sequence numbers no record has, so that they can trade places. */
    private void moveAside(String first, String second, long seq) throws SQLException {
        update("UPDATE decision SET seal_seq = ? WHERE id = ?", -1_000_000 - seq, first);
        update("UPDATE decision SET seal_seq = ? WHERE id = ?", -2_000_000 - seq, second);
    }

    private void place(String id, long seq, String chainHash) throws SQLException {
        assertEquals(1, update("UPDATE decision SET seal_seq = ?, chain_hash = ? WHERE id = ?", seq, chainHash, id));
    }

    /** Copies of {@code templateId} as a decision stored before V5: no record hash, decided at {@code times}. */
    private List<String> insertLegacyCopies(String templateId, List<Instant> times) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (Instant at : times) {
                String id = Ulid.next(at.toEpochMilli());
                try (PreparedStatement s = c.prepareStatement("INSERT INTO decision (id, request_id, request_hash, product_code, "
                        + "rule_set_version, rule_set_sha256, engine_version, as_of_date, lpr_pct, outcome, credit_limit, "
                        + "annual_rate_pct, channel, request_json, response_json, fired_rules, decided_at) "
                        + "SELECT ?, ?, request_hash, product_code, rule_set_version, rule_set_sha256, engine_version, as_of_date, "
                        + "lpr_pct, outcome, credit_limit, annual_rate_pct, 'audit-legacy', request_json, response_json, "
                        + "fired_rules, ? FROM decision WHERE id = ?")) {
                    s.setString(1, id);
                    s.setString(2, "legacy-" + id);
                    s.setObject(3, DecisionRows.utc(at));
                    s.setString(4, templateId);
                    assertEquals(1, s.executeUpdate());
                }
                ids.add(id);
            }
            c.commit();
        }
        return ids;
    }

    /** Every column of one row, as text (which MariaDB converts back exactly). */
    private Map<String, String> row(String table, String keyColumn, Object key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE " + keyColumn + " = ?")) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no row of " + table + " with " + keyColumn + " = " + key);
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) row.put(meta.getColumnLabel(i), rs.getString(i));
                return row;
            }
        }
    }

    /**
     * Copies a row aside inside the database, byte for byte: a copy through Java strings could
     * come back subtly different (a DATETIME(3) or DECIMAL written back from its text) and leave
     * the shared log broken for the tests that follow.
     */
    private void saveRow(String table, String keyColumn, Object key) throws SQLException {
        String aside = table + "_test_aside";
        update("CREATE TABLE IF NOT EXISTS " + aside + " LIKE " + table);
        update("DELETE FROM " + aside + " WHERE " + keyColumn + " = ?", key);
        assertEquals(1, update("INSERT INTO " + aside + " SELECT * FROM " + table + " WHERE " + keyColumn + " = ?", key));
    }

    /** Puts back a row {@link #saveRow saved} before. */
    private void restoreRow(String table, String keyColumn, Object key) throws SQLException {
        String aside = table + "_test_aside";
        assertEquals(1, update("INSERT INTO " + table + " SELECT * FROM " + aside + " WHERE " + keyColumn + " = ?", key));
        update("DELETE FROM " + aside + " WHERE " + keyColumn + " = ?", key);
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            return s.executeUpdate();
        }
    }

    private Object value(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getObject(1);
            }
        }
    }

    private long number(String sql, Object... args) throws SQLException {
        Object v = value(sql, args);
        assertNotNull(v, sql + " gave NULL");
        return ((Number) v).longValue();
    }

    private String text(String sql, Object... args) throws SQLException {
        return (String) value(sql, args);
    }
}

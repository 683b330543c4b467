package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seal key rotates without breaking the log: each seal names its key; after a rotation the new
 * key seals and the old one, kept under its id, still verifies what it sealed; without it those
 * seals are reported; and an old key cannot sign after the new one has. The rotation happens inside
 * the running test service ({@link LogSealer#useKeys}), as a restart with the new configuration
 * would; the test then puts the log back as it found it (its newer seals removed, their records
 * unsealed) for the other test classes, which share the database.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class SealKeyRotationTest {
    private static final String VERIFY = "/api/v1/audit/verify";
    private static final String NEW_KEY = "rotated-seal-key-of-the-rotation-test-0123456789";

    @Inject
    LogSealer sealer;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldVerifySealsOfTheOldKeyAfterARotationAndSignOnlyWithTheNewOne() throws SQLException {
        SealKeys original = sealer.keys();
        assertEquals("k1", original.currentId(), "the default key id, which the seals made before key ids got (V9)");
        decide();
        verify().body("intact", equalTo(true));
        long[] before = head();
        assertEquals(List.of("k1"), keyIds("batch_no <= ?", before[0]));

        SealKeys rotated = SealKeys.of("k2", NEW_KEY, Map.of("k1", AuditConfig.DEV_SEAL_KEY));
        sealer.useKeys(rotated);
        try {
            decide();
            verify().body("intact", equalTo(true));
            decide(); // a second batch under the new key
            verify().body("intact", equalTo(true)).body("firstBroken", nullValue())
                    .body("checked", equalTo((int) count("SELECT COUNT(*) FROM decision")));
            assertEquals(List.of("k2"), keyIds("batch_no > ?", before[0]), "new seals are signed with the new key only");
            assertEquals(List.of("k1"), keyIds("batch_no <= ?", before[0]), "old seals keep theirs");

            // without the old key, the seals it made cannot be checked: reported, not passed
            sealer.useKeys(SealKeys.of("k2", NEW_KEY, Map.of()));
            verify().body("intact", equalTo(false))
                    .body("firstBroken.batchNo", equalTo(1))
                    .body("firstBroken.problem", equalTo("SEAL_BROKEN"))
                    .body("firstBroken.detail", equalTo("the seal of batch 1 names the key k1, which is neither the current "
                            + "seal key nor an old one: it was altered or forged"));
            sealer.useKeys(rotated);

            // whoever holds the old key cannot re-sign a batch after one the new key signed
            long newest = head()[0];
            assertTrue(newest >= before[0] + 2, "two batches under the new key");
            SealChain.Seal seal = seal(newest);
            String forged = new SealChain(AuditConfig.DEV_SEAL_KEY).mac(seal);
            try {
                assertEquals(1, update("UPDATE decision_seal SET key_id = 'k1', mac = ? WHERE batch_no = ?", forged, newest));
                verify().body("intact", equalTo(false))
                        .body("firstBroken.batchNo", equalTo((int) newest))
                        .body("firstBroken.problem", equalTo("SEAL_BROKEN"))
                        .body("firstBroken.detail", equalTo("the seal of batch " + newest + " is signed with the old key k1 after "
                                + "batches signed with the current key k2: an old key only verifies what it sealed before the rotation"));
            } finally {
                update("UPDATE decision_seal SET key_id = ?, mac = ? WHERE batch_no = ?", seal.keyId(), seal.mac(), newest);
            }
            verify().body("intact", equalTo(true));
        } finally {
            unsealAfter(before);
            sealer.useKeys(original);
        }
        verify().body("intact", equalTo(true));
        assertEquals(List.of("k1"), keyIds("batch_no > ?", 0L));
    }

    @Test
    void shouldRefuseAnOldKeyUnderTheCurrentIdOrAShortKey() {
        var sameId = assertThrows(IllegalStateException.class,
                () -> SealKeys.of("k2", NEW_KEY, Map.of("k2", AuditConfig.DEV_SEAL_KEY)));
        assertEquals("loanfactory.audit.old-seal-keys.k2 has the id of the current seal key", sameId.getMessage());
        var shortKey = assertThrows(IllegalStateException.class, () -> SealKeys.of("k2", NEW_KEY, Map.of("k1", "short")));
        assertEquals("loanfactory.audit.old-seal-keys.k1 must have at least 32 characters", shortKey.getMessage());
        assertThrows(IllegalStateException.class, () -> SealKeys.of("k 2", NEW_KEY, Map.of()));
    }

    private static String decide() {
        return Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    private static ValidatableResponse verify() {
        return Auth.as(Auth.AUDITOR).when().get(VERIFY).then().statusCode(200);
    }

    /** batch_no and last_seq of the head, and the head hash as its number's text is not needed. */
    private long[] head() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT batch_no, last_seq FROM decision_chain_head WHERE id = 1")) {
            assertTrue(rs.next());
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    private List<String> keyIds(String where, long batchNo) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT key_id FROM decision_seal WHERE " + where + " ORDER BY 1")) {
            s.setLong(1, batchNo);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private SealChain.Seal seal(long batchNo) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT batch_no, first_seq, last_seq, record_count, min_decided_at, "
                     + "max_decided_at, prev_head, head, mac, key_id FROM decision_seal WHERE batch_no = ?")) {
            s.setLong(1, batchNo);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return new SealChain.Seal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        DecisionRows.instant(rs, "min_decided_at").toEpochMilli(),
                        DecisionRows.instant(rs, "max_decided_at").toEpochMilli(),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
            }
        }
    }

    /**
     * The log as it was at {@code before}: later seals removed, their records unsealed (the sealer
     * seals them again with the key it then has), the head wound back; under the head's lock, so
     * that the background sealer waits.
     */
    private void unsealAfter(long[] before) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String head;
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT batch_no FROM decision_chain_head WHERE id = 1 FOR UPDATE").close();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT head FROM decision_seal WHERE batch_no = ?")) {
                s.setLong(1, before[0]);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    head = rs.getString(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM decision_seal WHERE batch_no > ?")) {
                s.setLong(1, before[0]);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE decision SET seal_seq = NULL, chain_hash = NULL WHERE seal_seq > ?")) {
                s.setLong(1, before[1]);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE decision_chain_head SET batch_no = ?, last_seq = ?, head = ?, updated_at = UTC_TIMESTAMP(3) WHERE id = 1")) {
                s.setLong(1, before[0]);
                s.setLong(2, before[1]);
                s.setString(3, head);
                assertEquals(1, s.executeUpdate());
            }
            c.commit();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            return s.executeUpdate();
        }
    }
}

package cn.ruralcredit.loanfactory.decision.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Set;

/**
 * Reads and changes stored decision rows directly in the database, behind the service's back, as
 * someone with database access could: for tests of replay and verification. Every test that
 * changes a row puts it back, since all test classes share one database.
 */
public final class StoredRows {
    private static final Set<String> COLUMNS = Set.of("response_json", "request_json", "lpr_pct", "credit_limit",
            "outcome", "fired_rules", "rule_set_sha256");

    private StoredRows() {
    }

    public static String decisionColumn(String decisionId, String column) {
        check(column);
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em()
                .createNativeQuery("SELECT " + column + " FROM decision WHERE id = ?1")
                .setParameter(1, decisionId).getSingleResult()));
    }

    public static void updateDecision(String decisionId, String column, String value) {
        check(column);
        int updated = QuarkusTransaction.requiringNew().call(() -> em()
                .createNativeQuery("UPDATE decision SET " + column + " = ?1 WHERE id = ?2")
                .setParameter(1, value).setParameter(2, decisionId).executeUpdate());
        if (updated != 1) throw new AssertionError("no decision " + decisionId);
    }

    /** How many decisions are stored with this requestId, whatever the channel. */
    public static long decisionsWithRequestId(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em()
                .createNativeQuery("SELECT COUNT(*) FROM decision WHERE request_id = ?1")
                .setParameter(1, requestId).getSingleResult()).longValue());
    }

    private static void check(String column) {
        if (!COLUMNS.contains(column)) throw new IllegalArgumentException("not a column these tests change: " + column);
    }

    private static EntityManager em() {
        return CDI.current().select(EntityManager.class).get();
    }
}

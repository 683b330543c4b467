package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Galera certification conflict (error 1213 at commit) rolls the decision insert back; the
 * service retries it. Simulated with a trigger that fails the first N inserts; its counter is in
 * a MEMORY table, which a rollback does not undo.
 */
@QuarkusTest
class DecisionWriteConflictTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void installConflictTrigger() throws SQLException {
        sql("CREATE TABLE conflicts_to_raise (n INT NOT NULL) ENGINE = MEMORY",
                "INSERT INTO conflicts_to_raise VALUES (0)",
                "CREATE TRIGGER raise_conflicts BEFORE INSERT ON decision FOR EACH ROW BEGIN "
                        + "IF (SELECT n FROM conflicts_to_raise) > 0 THEN "
                        + "UPDATE conflicts_to_raise SET n = n - 1; "
                        + "SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'simulated certification conflict', MYSQL_ERRNO = 1213; "
                        + "END IF; END");
    }

    @AfterEach
    void removeConflictTrigger() throws SQLException {
        sql("DROP TRIGGER IF EXISTS raise_conflicts", "DROP TABLE IF EXISTS conflicts_to_raise");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) s.execute(statement);
        }
    }

    private int conflictsLeft() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n FROM conflicts_to_raise")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long stored(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", requestId));
    }

    @Test
    void shouldRetryTheWriteAfterACertificationConflict() throws SQLException {
        sql("UPDATE conflicts_to_raise SET n = 2");
        Requests request = Requests.apiExample();
        Auth.channel().contentType(ContentType.JSON).body(request.toString()).when().post("/api/v1/decisions").then()
                .statusCode(200).body("outcome", equalTo("APPROVED"));
        assertEquals(0, conflictsLeft());
        assertEquals(1, stored(request.requestId()));
    }

    @Test
    void shouldGiveUpWith503AfterThreeConflicts() throws SQLException {
        sql("UPDATE conflicts_to_raise SET n = 5");
        Requests request = Requests.apiExample();
        Auth.channel().contentType(ContentType.JSON).body(request.toString()).when().post("/api/v1/decisions").then()
                .statusCode(503).contentType("application/problem+json");
        assertEquals(2, conflictsLeft(), "three attempts, then no more");
        assertEquals(0, stored(request.requestId()));
    }
}

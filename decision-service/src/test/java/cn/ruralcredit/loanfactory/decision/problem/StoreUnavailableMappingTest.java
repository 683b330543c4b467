package cn.ruralcredit.loanfactory.decision.problem;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a lost database throws, as the layers above JDBC throw it, is a 503 with Retry-After; a
 * 500 stays for faults that are not the store's. The commit cases are those of a database killed
 * between the insert and the commit: Narayana reports the failed commit of the local XA resource
 * as a RollbackException or a heuristic outcome without the SQL cause, which QuarkusTransaction
 * wraps once more.
 */
class StoreUnavailableMappingTest {
    private final ProblemMappers mappers = new ProblemMappers();

    private void assertRetryable503(Throwable thrown) {
        Response r = mappers.unexpected(thrown);
        assertEquals(503, r.getStatus(), thrown.toString());
        assertEquals("1", String.valueOf(r.getHeaderString("Retry-After")), thrown.toString());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
    }

    @Test
    void shouldAnswer503ForACommitTheTransactionManagerCouldNotComplete() {
        assertRetryable503(new QuarkusTransactionException(new RollbackException("ARJUNA016053: Could not commit transaction.")));
        assertRetryable503(new QuarkusTransactionException(new HeuristicMixedException()));
        assertRetryable503(new QuarkusTransactionException(new SystemException("ARJUNA016054: could not register transaction")));
        assertRetryable503(new IllegalStateException(new XAException(XAException.XAER_RMFAIL)));
    }

    @Test
    void shouldAnswer503ForAConnectionThatCouldNotBeAcquired() {
        assertRetryable503(new SQLTransientConnectionException("Acquisition timeout while waiting for new connection"));
        assertRetryable503(new org.hibernate.exception.JDBCConnectionException("Unable to acquire JDBC Connection",
                new java.sql.SQLNonTransientConnectionException("Socket fail to connect to 127.0.0.1:3306. Connection refused")));
    }

    @Test
    void shouldAnswer503WithRetryAfterForEveryStoreProblem() {
        Response r = mappers.problem(ProblemException.storeUnavailable("the decision store did not confirm the decision",
                new RuntimeException("lost")));
        assertEquals(503, r.getStatus());
        assertEquals("1", String.valueOf(r.getHeaderString("Retry-After")));
        assertEquals("1", String.valueOf(mappers.problem(ProblemException.unavailable("not now")).getHeaderString("Retry-After")));
    }

    @Test
    void shouldKeep500ForFaultsThatAreNotTheStores() {
        Response r = mappers.unexpected(new IllegalStateException("a bug"));
        assertEquals(500, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
    }
}

package cn.ruralcredit.loanfactory.decision.platform;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Questions about a failure's cause chain. */
public final class Causes {
    private Causes() {
    }

    public static boolean any(Throwable e, Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (test.test(t)) return true;
        }
        return false;
    }

    /** The first throwable of {@code type} in the cause chain of {@code e}, or null. */
    public static <T extends Throwable> T first(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    public static boolean anySql(Throwable e, Predicate<SQLException> test) {
        return any(e, t -> t instanceof SQLException sql && test.test(sql));
    }

    /**
     * The store could not be reached, or could not take or commit a transaction: a connection
     * refused, lost or not acquired in time, an SQL error, or the transaction manager's own
     * report of a commit that failed (which carries no SQL cause: Narayana logs the XA error and
     * throws a RollbackException or a heuristic outcome without it). A client may retry such a
     * failure; it says nothing about the request.
     */
    public static boolean isStoreUnavailable(Throwable e) {
        return any(e, t -> t instanceof SQLException
                || t instanceof jakarta.persistence.PersistenceException
                || t instanceof javax.transaction.xa.XAException
                || t instanceof jakarta.transaction.RollbackException
                || t instanceof jakarta.transaction.HeuristicMixedException
                || t instanceof jakarta.transaction.HeuristicRollbackException
                || t instanceof jakarta.transaction.SystemException
                || t instanceof io.quarkus.narayana.jta.QuarkusTransactionException);
    }

    /** A unique key (or other integrity constraint) refused the write. */
    public static boolean isDuplicateKey(Throwable e) {
        return anySql(e, sql -> sql.getSQLState() != null && sql.getSQLState().startsWith("23"))
                || any(e, org.hibernate.exception.ConstraintViolationException.class::isInstance);
    }
}

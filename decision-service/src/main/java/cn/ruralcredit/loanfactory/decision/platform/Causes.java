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

    public static boolean anySql(Throwable e, Predicate<SQLException> test) {
        return any(e, t -> t instanceof SQLException sql && test.test(sql));
    }

    /** A unique key (or other integrity constraint) refused the write. */
    public static boolean isDuplicateKey(Throwable e) {
        return anySql(e, sql -> sql.getSQLState() != null && sql.getSQLState().startsWith("23"))
                || any(e, org.hibernate.exception.ConstraintViolationException.class::isInstance);
    }
}

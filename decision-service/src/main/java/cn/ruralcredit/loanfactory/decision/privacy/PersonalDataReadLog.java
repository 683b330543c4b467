package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.catalog.privacy.PersonalDataRead;
import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Writes the access log of personal data ({@code personal_data_read}). Reads fail closed: the
 * caller reads and logs in one transaction through {@link #readAndLog}, and if the log row cannot
 * be written, the data is not returned (503).
 */
@ApplicationScoped
public class PersonalDataReadLog {
    @Inject
    SecurityIdentity identity;

    /**
     * Runs {@code read} in a new transaction that also writes the log row it asks for; the result
     * is returned only once both are committed. A database failure is a 503 that says the data
     * was withheld; a problem the read raises (e.g. 404) passes through unchanged.
     */
    public <T> T readAndLog(Supplier<T> read) {
        try {
            return QuarkusTransaction.requiringNew().call(read::get);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Causes.any(e, t -> t instanceof PersistenceException || t instanceof SQLException)) {
                throw ProblemException.unavailable(
                        "the read of personal data could not be made and recorded, so nothing is shown; try again later");
            }
            throw e;
        }
    }

    /** Logs an auditor's view of one decision with full values; call inside {@link #readAndLog}. */
    public void decisionViewed(String decisionId) {
        PersonalDataRead read = newRead(PersonalDataRead.DECISION_VIEW);
        read.decisionId = decisionId;
        persist(read);
    }

    /**
     * Logs an export of {@code rows} decisions selected by {@code filterJson}; call inside
     * {@link #readAndLog}. Exports are masked, but a bulk copy of customer records leaving the
     * service is worth knowing about all the same: who took how many, and with which filter.
     */
    public void exported(String filterJson, long rows) {
        PersonalDataRead read = newRead(PersonalDataRead.EXPORT);
        read.filterJson = filterJson;
        read.rowCount = rows;
        persist(read);
    }

    private PersonalDataRead newRead(String purpose) {
        PersonalDataRead read = new PersonalDataRead();
        read.readAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // an OIDC principal or role list may be longer than the columns: clipped, never refused
        read.reader = clip(identity.getPrincipal().getName(), 64);
        read.readerRoles = clip(String.join(",", new TreeSet<>(identity.getRoles())), 200);
        read.purpose = purpose;
        return read;
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    private static void persist(PersonalDataRead read) {
        read.persist();
        // written now, not at commit: a failure surfaces here, before any data is handed out
        PersonalDataRead.flush();
    }
}

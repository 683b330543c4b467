package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.platform.Paging;
import cn.ruralcredit.loanfactory.decision.privacy.PersonalDataReadLog;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches and exports stored decisions, newest first ({@code decidedAt}, then id, both
 * descending), with personal data masked.
 *
 * <p>An export is counted first, against a snapshot bound (the newest matching decision at that
 * moment), so that decisions made while the file is written do not slip in; it is refused when it
 * would hold more than {@code loanfactory.export.max-rows} decisions. Then it is logged (fail
 * closed: no log row, no file) and streamed in chunks read by keyset pagination, each in its own
 * short transaction, so neither memory nor a database transaction grows with the export.
 */
@ApplicationScoped
public class DecisionSearchService {
    static final int CHUNK = 1000;
    private static final Logger LOG = Logger.getLogger(DecisionSearchService.class);
    private static final Sort NEWEST_FIRST = Sort.descending("decidedAt", "id");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    PersonalDataReadLog readLog;

    /**
     * The most decisions one export may hold: a larger file is refused with a 400 asking for a
     * narrower range, rather than tying up a worker and a connection for minutes.
     */
    @ConfigProperty(name = "loanfactory.export.max-rows", defaultValue = "100000")
    int maxExportRows;

    public DecisionPage page(DecisionFilter filter, Paging paging) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long total = Decision.count(filter.where(), filter.parameters());
            List<DecisionSummary> items = Decision.<Decision>find(filter.where(), NEWEST_FIRST, filter.parameters())
                    .range(paging.offset(), paging.last()).list()
                    .stream().map(DecisionSummary::of).toList();
            return new DecisionPage(items, paging.page(), paging.size(), total, paging.totalPages(total));
        });
    }

    /** A prepared export: its file name and the body that writes it. */
    public record Export(String fileName, ExportFormat format, StreamingOutput body) {
    }

    /** Counts, checks and logs the export, and returns the body that will stream it. */
    public Export export(DecisionFilter filter, ExportFormat format) {
        Instant now = Instant.now();
        Cursor top = QuarkusTransaction.requiringNew().call(() -> Decision.<Decision>find(filter.where(), NEWEST_FIRST,
                filter.parameters()).firstResultOptional().map(d -> new Cursor(d.decidedAt, d.id, true)).orElse(null));
        long rows = readLog.readAndLog(() -> {
            long count = top == null ? 0
                    : Decision.count(filter.where() + " and " + top.condition(), top.bind(filter.parameters()));
            checkExportSize(count, maxExportRows);
            readLog.exported(ApiJson.write(logged(filter, format)), count);
            return count;
        });
        String fileName = "decisions-" + FILE_TIME.format(now) + "." + format.extension();
        return new Export(fileName, format, out -> write(filter, format, top, rows, out));
    }

    /** 400 when an export would hold more than {@code max} decisions. */
    static void checkExportSize(long rows, int max) {
        if (rows > max) {
            throw ProblemException.badField("to", "the filters select " + rows + " decisions and an export holds at most "
                    + max + ": narrow the date range (from, to) or add filters");
        }
    }

    private static Map<String, Object> logged(DecisionFilter filter, ExportFormat format) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format.extension());
        m.putAll(filter.given());
        return m;
    }

    private void write(DecisionFilter filter, ExportFormat format, Cursor top, long expected, OutputStream out)
            throws IOException {
        DecisionSheet sheet = format.open(out);
        long written = 0;
        try {
            Cursor cursor = top;
            while (cursor != null) {
                Cursor from = cursor;
                List<DecisionSummary> chunk = QuarkusTransaction.requiringNew().call(() ->
                        Decision.<Decision>find(filter.where() + " and " + from.condition(), NEWEST_FIRST,
                                        from.bind(filter.parameters()))
                                .range(0, CHUNK - 1).list().stream().map(DecisionSummary::of).toList());
                for (DecisionSummary d : chunk) sheet.row(d);
                written += chunk.size();
                sheet.flush();
                cursor = chunk.size() < CHUNK ? null : Cursor.after(chunk.get(chunk.size() - 1));
            }
            sheet.finish();
        } catch (RuntimeException | IOException e) {
            // the client gets a cut-off file; the log says how far it got (no row content)
            LOG.errorf(e, "decision export (%s) failed after %d of %d rows", format.extension(), written, expected);
            throw e;
        }
    }

    /** A position in newest-first order: at or after ({@code inclusive}) or strictly after a decision. */
    private record Cursor(Instant decidedAt, String id, boolean inclusive) {
        static Cursor after(DecisionSummary last) {
            return new Cursor(Instant.parse(last.decidedAt()), last.decisionId(), false);
        }

        String condition() {
            return "(decidedAt < :cursorAt or (decidedAt = :cursorAt and id " + (inclusive ? "<=" : "<") + " :cursorId))";
        }

        Parameters bind(Parameters p) {
            return p.and("cursorAt", decidedAt).and("cursorId", id);
        }
    }
}

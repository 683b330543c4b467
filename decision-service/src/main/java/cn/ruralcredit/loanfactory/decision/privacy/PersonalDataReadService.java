package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.catalog.privacy.PersonalDataRead;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.platform.Paging;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams.DateRange;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the personal-data access log for auditors, newest first. */
@ApplicationScoped
public class PersonalDataReadService {
    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The log filters: each optional; {@code from}/{@code to} are days in Asia/Shanghai, inclusive. */
    public record Filter(String decisionId, String reader, DateRange range) {
        public static Filter parse(String decisionId, String reader, String from, String to, FieldErrors errors) {
            String id = QueryParams.text(decisionId);
            errors.refuseIf(id != null && id.length() != 26, "decisionId", "must be a decision id (26 characters)");
            String who = QueryParams.text(reader);
            errors.refuseIf(who != null && who.length() > 64, "reader", "must be at most 64 characters");
            return new Filter(id, who, DateRange.parse(from, to, errors));
        }
    }

    public PersonalDataReadView.Page page(Filter filter, Paging paging) {
        List<String> terms = new ArrayList<>();
        Parameters p = new Parameters();
        if (filter.decisionId() != null) {
            terms.add("decisionId = :decisionId");
            p.and("decisionId", filter.decisionId());
        }
        if (filter.reader() != null) {
            terms.add("reader = :reader");
            p.and("reader", filter.reader());
        }
        if (filter.range().from() != null) {
            terms.add("readAt >= :start");
            p.and("start", filter.range().startInclusive());
        }
        if (filter.range().to() != null) {
            terms.add("readAt < :end");
            p.and("end", filter.range().endExclusive());
        }
        String where = terms.isEmpty() ? "1 = 1" : String.join(" and ", terms);
        return QuarkusTransaction.requiringNew().call(() -> {
            long total = PersonalDataRead.count(where, p);
            List<PersonalDataReadView> items = PersonalDataRead.<PersonalDataRead>find(where,
                            Sort.descending("readAt", "id"), p)
                    .range(paging.offset(), paging.last()).list()
                    .stream().map(PersonalDataReadService::view).toList();
            return new PersonalDataReadView.Page(items, paging.page(), paging.size(), total, paging.totalPages(total));
        });
    }

    private static PersonalDataReadView view(PersonalDataRead r) {
        return new PersonalDataReadView(r.id, READ_AT.format(r.readAt), r.reader,
                r.readerRoles.isEmpty() ? List.of() : Arrays.asList(r.readerRoles.split(",")), r.purpose, r.decisionId,
                r.filterJson == null ? null : ApiJson.readStored(r.filterJson), r.rowCount);
    }
}

package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.platform.QueryParams;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams.DateRange;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import io.quarkus.panache.common.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stored decisions a search or an export covers; every criterion is optional and they all
 * apply together. {@code channel} is the authenticated channel that asked for the decision;
 * {@code from} and {@code to} are days in Asia/Shanghai, both inclusive, on {@code decidedAt}.
 */
public record DecisionFilter(String productCode, String outcome, Integer version, String channel, String requestId,
                             DateRange range) {
    static final Set<String> OUTCOMES = Set.of("APPROVED", "DECLINED", "REFERRED");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Reads the filter's query parameters as sent; each bad one is recorded in {@code errors}. */
    public static DecisionFilter parse(String productCode, String outcome, String version, String channel,
                                       String requestId, String from, String to, FieldErrors errors) {
        String product = QueryParams.text(productCode);
        errors.refuseIf(product != null && product.length() > 32, "productCode", "must be at most 32 characters");
        String out = QueryParams.text(outcome);
        if (out != null && !OUTCOMES.contains(out)) {
            errors.add("outcome", "must be one of APPROVED, DECLINED, REFERRED");
            out = null;
        }
        Integer v = QueryParams.integer(version, "version", 1, Integer.MAX_VALUE, null,
                "must be an integer of at least 1", errors);
        String ch = QueryParams.text(channel);
        errors.refuseIf(ch != null && ch.length() > 32, "channel", "must be at most 32 characters");
        String request = QueryParams.text(requestId);
        errors.refuseIf(request != null && !REQUEST_ID.matcher(request).matches(), "requestId",
                "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        return new DecisionFilter(product, out, v, ch, request, DateRange.parse(from, to, errors));
    }

    /** The JPQL condition on {@code Decision} (never empty: "1 = 1" when nothing is filtered). */
    String where() {
        List<String> terms = new ArrayList<>();
        if (productCode != null) terms.add("productCode = :productCode");
        if (outcome != null) terms.add("outcome = :outcome");
        if (version != null) terms.add("ruleSetVersion = :version");
        if (channel != null) terms.add("channel = :channel");
        if (requestId != null) terms.add("requestId = :requestId");
        if (range.from() != null) terms.add("decidedAt >= :start");
        if (range.to() != null) terms.add("decidedAt < :end");
        return terms.isEmpty() ? "1 = 1" : String.join(" and ", terms);
    }

    Parameters parameters() {
        Parameters p = new Parameters();
        if (productCode != null) p.and("productCode", productCode);
        if (outcome != null) p.and("outcome", outcome);
        if (version != null) p.and("version", version);
        if (channel != null) p.and("channel", channel);
        if (requestId != null) p.and("requestId", requestId);
        if (range.from() != null) p.and("start", range.startInclusive());
        if (range.to() != null) p.and("end", range.endExclusive());
        return p;
    }

    /** The criteria given, by query parameter name, for the access log of an export. */
    Map<String, Object> given() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (productCode != null) m.put("productCode", productCode);
        if (outcome != null) m.put("outcome", outcome);
        if (version != null) m.put("version", version);
        if (channel != null) m.put("channel", channel);
        if (requestId != null) m.put("requestId", requestId);
        if (range.from() != null) m.put("from", range.from().toString());
        if (range.to() != null) m.put("to", range.to().toString());
        return m;
    }
}

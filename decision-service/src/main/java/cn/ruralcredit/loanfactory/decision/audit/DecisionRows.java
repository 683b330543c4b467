package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads {@code decision} rows with plain JDBC, as the sealer and the verifier do: many rows, no
 * persistence context. Instants are kept as UTC in DATETIME columns (Hibernate's
 * {@code jdbc.timezone=UTC}), so they are read back the same way.
 */
final class DecisionRows {
    /** Every content column (RecordHash's input) and the log's own. */
    static final String COLUMNS = "id, request_id, request_hash, product_code, rule_set_version, rule_set_sha256, "
            + "engine_version, as_of_date, lpr_pct, outcome, credit_limit, annual_rate_pct, channel, request_json, "
            + "response_json, fired_rules, decided_at, record_hash, seal_seq, chain_hash";

    private DecisionRows() {
    }

    /** One row as the sealer or verifier sees it: the decision (detached) and its place in the log. */
    record Row(Decision decision, Long sealSeq, String chainHash) {
    }

    /** The row at the cursor; the query must select {@link #COLUMNS}. */
    static Row read(ResultSet rs) throws SQLException {
        Decision d = new Decision();
        d.id = rs.getString("id");
        d.requestId = rs.getString("request_id");
        d.requestHash = rs.getString("request_hash");
        d.productCode = rs.getString("product_code");
        d.ruleSetVersion = rs.getInt("rule_set_version");
        d.ruleSetSha256 = rs.getString("rule_set_sha256");
        d.engineVersion = rs.getString("engine_version");
        d.asOfDate = rs.getObject("as_of_date", LocalDate.class);
        d.lprPct = rs.getBigDecimal("lpr_pct");
        d.outcome = rs.getString("outcome");
        d.creditLimit = rs.getBigDecimal("credit_limit");
        d.annualRatePct = rs.getBigDecimal("annual_rate_pct");
        d.channel = rs.getString("channel");
        d.requestJson = rs.getString("request_json");
        d.responseJson = rs.getString("response_json");
        d.firedRules = rs.getString("fired_rules");
        d.decidedAt = instant(rs, "decided_at");
        d.recordHash = rs.getString("record_hash");
        long seq = rs.getLong("seal_seq");
        return new Row(d, rs.wasNull() ? null : seq, rs.getString("chain_hash"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

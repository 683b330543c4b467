package cn.ruralcredit.loanfactory.decision.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * An export file being written row by row: the header, then one row per decision, in the columns
 * of the list ({@link DecisionSummary}) with nested values flattened. Rows are written out as they
 * come ({@link #flush()} after each chunk), so memory does not grow with the number of rows.
 */
interface DecisionSheet {
    List<String> HEADER = List.of("decisionId", "requestId", "productCode", "ruleSetVersion", "ruleSetSha256",
            "channel", "asOfDate", "decidedAt", "outcome", "tierCode", "creditLimit", "annualRatePct",
            "approvalLevel", "reasonCodes", "applicantName", "applicantIdNumber", "applicantPhone");

    void row(DecisionSummary d) throws IOException;

    void flush() throws IOException;

    /** Completes the file; nothing may be written after. */
    void finish() throws IOException;

    /** The cells of a row in {@link #HEADER} order: text, or a number for counts and money, or null. */
    static List<Object> cells(DecisionSummary d) {
        return Arrays.asList(d.decisionId(), d.requestId(), d.productCode(), d.ruleSet().version(), d.ruleSet().sha256(),
                d.channel(), d.asOfDate() == null ? null : d.asOfDate().toString(), d.decidedAt(), d.outcome(),
                d.tierCode(), d.creditLimit(), d.annualRatePct(), d.approvalLevel(), String.join(";", d.reasonCodes()),
                d.applicant().name(), d.applicant().idNumber(), d.applicant().phone());
    }

    /** A number as plain decimal text (no exponent). */
    static String plain(Object number) {
        return number instanceof BigDecimal b ? b.toPlainString() : number.toString();
    }
}

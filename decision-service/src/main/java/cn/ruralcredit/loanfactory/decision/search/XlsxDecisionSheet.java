package cn.ruralcredit.loanfactory.decision.search;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * An XLSX workbook with one sheet, "decisions", written as a stream by fastexcel. Strings are
 * written inline rather than into the shared-strings table, which fastexcel keeps in memory until
 * the end; rows already written are flushed to the stream after each chunk. Numbers stay numbers.
 */
final class XlsxDecisionSheet implements DecisionSheet {
    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    XlsxDecisionSheet(OutputStream out) {
        workbook = new Workbook(out, "loan-factory", "1.0");
        sheet = workbook.newWorksheet("decisions");
        for (int c = 0; c < HEADER.size(); c++) sheet.inlineString(0, c, HEADER.get(c));
        sheet.range(0, 0, 0, HEADER.size() - 1).style().bold().set();
        row = 1;
    }

    @Override
    public void row(DecisionSummary d) {
        List<Object> cells = DecisionSheet.cells(d);
        for (int c = 0; c < cells.size(); c++) {
            Object cell = cells.get(c);
            if (cell instanceof BigDecimal b) sheet.value(row, c, b);
            else if (cell instanceof Number n) sheet.value(row, c, n);
            else if (cell != null) sheet.inlineString(row, c, cell.toString());
        }
        row++;
    }

    @Override
    public void flush() throws IOException {
        sheet.flush();
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }
}

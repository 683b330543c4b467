package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.platform.CsvText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 has it (CRLF line ends; a field with a comma, quote, CR or LF in double quotes,
 * quotes doubled), in UTF-8 with a byte order mark, without which Excel reads the Chinese names
 * as another code page.
 *
 * <p>A text cell that starts with {@code = + - @}, a tab or a CR is written with a leading
 * apostrophe: spreadsheets would otherwise run it as a formula, and applicant names and
 * requestIds come from outside (CSV injection).
 */
final class CsvDecisionSheet implements DecisionSheet {
    private static final char BOM = '\uFEFF';
    private final Writer out;

    CsvDecisionSheet(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        try {
            out.write(BOM);
            line(List.copyOf(HEADER));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void row(DecisionSummary d) throws IOException {
        line(DecisionSheet.cells(d));
    }

    private void line(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            Object cell = cells.get(i);
            if (cell instanceof Number n) out.write(DecisionSheet.plain(n));
            else if (cell != null) out.write(field(cell.toString()));
        }
        out.write("\r\n");
    }

    /** One text field, neutralised and quoted as needed. */
    static String field(String text) {
        return CsvText.field(text);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}

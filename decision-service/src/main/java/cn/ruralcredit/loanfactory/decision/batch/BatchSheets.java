package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.platform.CsvText;
import com.fasterxml.jackson.databind.JsonNode;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The files a batch gives back: its results (one line per input row, bad rows with their errors)
 * as CSV (UTF-8 with a byte order mark, RFC 4180, formula-like text defused by {@link CsvText})
 * or XLSX (streamed, text cells inline and defused the same way, numbers as numbers), and the
 * upload template.
 */
final class BatchSheets {
    static final List<String> RESULT_HEADER = List.of("行号", "姓名", "身份证号", "产品", "结果", "资信等级", "等级名称", "授信额度",
            "年利率(%)", "担保", "原因", "原因代码", "决策编号", "错误");
    private static final int PAGE = 1000;

    private BatchSheets() {
    }

    /** The cells of one result line, in {@link #RESULT_HEADER} order. */
    static List<Object> cells(BatchRow r) {
        List<Object> c = new ArrayList<>(RESULT_HEADER.size());
        c.add(r.rowNo);
        c.add(r.applicantName);
        c.add(r.idNumber);
        c.add(r.productCode);
        c.add(BatchRow.ERROR.equals(r.status) ? "ERROR" : r.outcome);
        c.add(r.tierCode);
        c.add(r.tierLabel);
        c.add(r.creditLimit);
        c.add(r.annualRatePct);
        c.add(r.guarantee);
        c.add(r.reasonsZh);
        c.add(r.reasons);
        c.add(r.decisionId);
        c.add(errorsText(r.errors));
        return c;
    }

    /** "年收入 (applicant.annualIncome): must be a number (yuan); …" */
    static String errorsText(String errors) {
        if (errors == null) return null;
        List<String> parts = new ArrayList<>();
        for (JsonNode e : ApiJson.readStored(errors)) {
            String column = e.path("column").isTextual() ? e.path("column").asText() : null;
            String field = e.path("field").asText();
            String where = column == null ? field : column.equals(field) ? column : column + " (" + field + ")";
            parts.add(where + ": " + e.path("message").asText());
        }
        return String.join("; ", parts);
    }

    /** Writes every row {@code page} gives, page by page after the last row number, as CSV. */
    static void writeCsv(OutputStream out, Function<Integer, List<BatchRow>> page) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", RESULT_HEADER));
        w.write("\r\n");
        int after = 0;
        while (true) {
            List<BatchRow> rows = page.apply(after);
            for (BatchRow r : rows) {
                List<Object> cells = cells(r);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) line.append(',');
                    Object v = cells.get(i);
                    if (v instanceof BigDecimal b) line.append(b.toPlainString());
                    else if (v instanceof Number n) line.append(n);
                    else line.append(CsvText.field(v == null ? null : v.toString()));
                }
                w.write(line.append("\r\n").toString());
                after = r.rowNo;
            }
            w.flush();
            if (rows.size() < PAGE) break;
        }
        w.flush();
    }

    static void writeXlsx(OutputStream out, Function<Integer, List<BatchRow>> page) throws IOException {
        Workbook workbook = new Workbook(out, "loan-factory", "1.0");
        Worksheet sheet = workbook.newWorksheet("结果");
        for (int c = 0; c < RESULT_HEADER.size(); c++) sheet.inlineString(0, c, RESULT_HEADER.get(c));
        sheet.range(0, 0, 0, RESULT_HEADER.size() - 1).style().bold().set();
        int line = 1;
        int after = 0;
        while (true) {
            List<BatchRow> rows = page.apply(after);
            for (BatchRow r : rows) {
                List<Object> cells = cells(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object v = cells.get(c);
                    if (v instanceof BigDecimal b) sheet.value(line, c, b);
                    else if (v instanceof Number n) sheet.value(line, c, n);
                    else if (v != null) sheet.inlineString(line, c, defused(v.toString()));
                }
                line++;
                after = r.rowNo;
            }
            sheet.flush();
            if (rows.size() < PAGE) break;
        }
        sheet.finish();
        workbook.finish();
    }

    /** A text cell a spreadsheet would run as a formula gets a leading apostrophe, as in CSV. */
    static String defused(String text) {
        if (text.isEmpty()) return text;
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    static int pageSize() {
        return PAGE;
    }

    /** The upload template: the Chinese headers, one example row, and a drop-down list on every enum and yes/no column. */
    static void writeTemplateXlsx(OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "loan-factory", "1.0");
        Worksheet sheet = workbook.newWorksheet("批量授信");
        List<BatchColumns.Column> columns = BatchColumns.ALL;
        for (int c = 0; c < columns.size(); c++) {
            BatchColumns.Column col = columns.get(c);
            sheet.inlineString(0, c, col.header());
            sheet.width(c, Math.max(10, col.header().length() * 2.2 + 2));
            String example = col.example();
            if (col.type() == BatchColumns.Type.NUMBER && !example.isEmpty()) sheet.value(1, c, new BigDecimal(example));
            else if (!example.isEmpty()) sheet.inlineString(1, c, example);
            // ID numbers and phones are text: 18 digits as a number lose their last three (formatted on the first 5,000
            // rows; the reader also turns a number such as 1.50422197511020E17 back into digits where it can)
            if (col.type() == BatchColumns.Type.TEXT) sheet.range(1, c, 5_000, c).style().format("@").set();
            List<String> options = col.type() == BatchColumns.Type.BOOLEAN ? List.of("是", "否") : col.codes();
            if (!options.isEmpty()) {
                sheet.range(1, c, 200_001, c).validateWithListByFormula("\"" + String.join(",", options) + "\"")
                        .allowBlank(true).showErrorMessage(col.type() != BatchColumns.Type.ENUM_LIST)
                        .errorTitle("取值无效").error("请从下拉列表中选择");
            }
        }
        sheet.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("DDEBF7").set();
        Worksheet help = workbook.newWorksheet("说明");
        String[] head = {"列名", "字段", "必填", "取值"};
        for (int c = 0; c < head.length; c++) help.inlineString(0, c, head[c]);
        for (int r = 0; r < columns.size(); r++) {
            BatchColumns.Column col = columns.get(r);
            help.inlineString(r + 1, 0, col.header());
            help.inlineString(r + 1, 1, col.path());
            help.inlineString(r + 1, 2, col.required() ? "是" : "否");
            String values = switch (col.type()) {
                case BOOLEAN -> "是 / 否";
                case NUMBER -> "数字（元、次数、月数、年数）";
                case DATE -> "yyyy-MM-dd，空则为批次的评估日期";
                case ENUM_LIST -> String.join(", ", col.codes()) + "（多个用 ; 分隔）";
                case ENUM -> String.join(", ", col.codes());
                default -> "文本";
            };
            help.inlineString(r + 1, 3, values);
        }
        help.width(0, 22);
        help.width(1, 40);
        help.width(3, 80);
        workbook.finish();
    }

    static void writeTemplateCsv(OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        List<String> header = new ArrayList<>();
        List<String> example = new ArrayList<>();
        for (BatchColumns.Column c : BatchColumns.ALL) {
            header.add(CsvText.field(c.header()));
            example.add(CsvText.field(c.example()));
        }
        w.write(String.join(",", header) + "\r\n" + String.join(",", example) + "\r\n");
        w.flush();
    }
}

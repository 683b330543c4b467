package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file's header row mapped to request fields, and each data row turned into the JSON of a
 * decision request. Cells are converted only where a spreadsheet's way of writing a value is
 * unambiguous (是/否 for booleans, 80,000 for a number, an Excel date serial); anything else goes
 * into the request as the text it was, so that the decision request validation — the same as for
 * {@code POST /api/v1/decisions} — refuses it and names the field, which is mapped back to the
 * file's column.
 */
final class BatchHeader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[;；,，、|/\\s]+");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry("是", true), Map.entry("否", false), Map.entry("true", true), Map.entry("false", false),
            Map.entry("y", true), Map.entry("n", false), Map.entry("yes", true), Map.entry("no", false),
            Map.entry("1", true), Map.entry("0", false), Map.entry("有", true), Map.entry("无", false));

    /** A column of the file that names a request field. */
    record Mapped(int index, String header, BatchColumns.Column column) {
    }

    private final List<Mapped> mapped;
    private final List<String> ignored;
    private final Map<String, String> headerOfPath = new LinkedHashMap<>();

    private BatchHeader(List<Mapped> mapped, List<String> ignored) {
        this.mapped = mapped;
        this.ignored = ignored;
        for (Mapped m : mapped) headerOfPath.put(m.column().path(), m.header());
    }

    /**
     * The header row's columns; a column named twice, or a required field without a column, is an
     * error naming it. Columns that name no field are ignored (and listed).
     */
    static BatchHeader of(RowSource.Row header) throws RowSource.BadFile {
        List<Mapped> mapped = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> cells = header.cells();
        for (int i = 0; i < cells.size(); i++) {
            String text = cells.get(i) == null ? "" : cells.get(i).replace("\uFEFF", "").strip();
            if (text.isEmpty()) continue;
            Optional<BatchColumns.Column> column = BatchColumns.forHeader(text);
            if (column.isEmpty() || column.get().path().equals("requestId") || column.get().path().equals("productCode")) {
                ignored.add(text);
                continue;
            }
            String earlier = seen.put(column.get().path(), text);
            if (earlier != null) {
                throw new RowSource.BadFile("columns '" + earlier + "' and '" + text + "' both name " + column.get().path());
            }
            mapped.add(new Mapped(i, text, column.get()));
        }
        List<String> missing = BatchColumns.ALL.stream().filter(BatchColumns.Column::required)
                .filter(c -> !seen.containsKey(c.path())).map(c -> c.header() + " (" + c.path() + ")").toList();
        if (!missing.isEmpty()) {
            throw new RowSource.BadFile("the header (row " + header.number() + ") has no column for " + String.join(", ", missing)
                    + "; columns are the API field paths or their Chinese headers (GET /api/v1/batches/template)");
        }
        return new BatchHeader(mapped, ignored);
    }

    /** The mapping as stored with the job: [{index, header, field}]. */
    String toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Mapped m : mapped) out.add(Map.of("index", m.index(), "header", m.header(), "field", m.column().path()));
        return ApiJson.write(Map.of("columns", out, "ignored", ignored));
    }

    static BatchHeader fromJson(String json) {
        JsonNode node = ApiJson.readStored(json);
        List<Mapped> mapped = new ArrayList<>();
        for (JsonNode m : node.path("columns")) {
            mapped.add(new Mapped(m.path("index").asInt(), m.path("header").asText(), BatchColumns.byPath(m.path("field").asText())));
        }
        List<String> ignored = new ArrayList<>();
        for (JsonNode i : node.path("ignored")) ignored.add(i.asText());
        return new BatchHeader(mapped, ignored);
    }

    List<String> ignored() {
        return ignored;
    }

    /** The file's header for a request field path (the field itself when the file has no such column). */
    String columnOf(String field) {
        if (field == null) return null;
        String exact = headerOfPath.get(field);
        if (exact != null) return exact;
        // application.offeredGuarantees[1] → the list's column
        int bracket = field.indexOf('[');
        if (bracket > 0) return headerOfPath.get(field.substring(0, bracket));
        return null;
    }

    /** The text of the cell for {@code path} in {@code row}, trimmed, or null. */
    String cell(RowSource.Row row, String path) {
        for (Mapped m : mapped) {
            if (m.column().path().equals(path)) {
                String v = row.cell(m.index());
                return v == null ? null : v.strip();
            }
        }
        return null;
    }

    /**
     * The decision request of {@code row}: its cells at their field paths; cells too long for any
     * field become errors in {@code errors} instead.
     */
    ObjectNode request(RowSource.Row row, List<FieldError> errors) {
        ObjectNode root = NODES.objectNode();
        for (Mapped m : mapped) {
            String raw = row.cell(m.index());
            if (raw == null) continue;
            if (RowSource.TOO_LONG.equals(raw)) {
                errors.add(new FieldError(m.column().path(), "must be at most " + RowSource.MAX_CELL_CHARS + " characters"));
                continue;
            }
            String text = raw.strip();
            if (text.isEmpty()) continue;
            JsonNode value = value(m.column(), text);
            put(root, m.column().path(), value);
        }
        return root;
    }

    private static JsonNode value(BatchColumns.Column column, String text) {
        switch (column.type()) {
            case NUMBER: {
                String n = text.replace(",", "").replace("，", "").replace(" ", "");
                if (PLAIN_NUMBER.matcher(n).matches()) {
                    BigDecimal d = new BigDecimal(n);
                    // 1E999999999 is a few characters of text and a billion digits of work: left as text, refused
                    if (d.scale() < -20 || d.scale() > 20) return NODES.textNode(text);
                    // Excel writes whole numbers as 12 or 12.0; a count stays an integer
                    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? NODES.numberNode(d.stripTrailingZeros().setScale(0))
                            : NODES.numberNode(d);
                }
                return NODES.textNode(text);
            }
            case BOOLEAN: {
                Boolean b = BOOLEANS.get(text.toLowerCase(Locale.ROOT));
                return b == null ? NODES.textNode(text) : NODES.booleanNode(b);
            }
            case ENUM:
                return NODES.textNode(text.toUpperCase(Locale.ROOT));
            case ENUM_LIST: {
                ArrayNode list = NODES.arrayNode();
                for (String part : LIST_SEPARATORS.split(text)) if (!part.isBlank()) list.add(part.toUpperCase(Locale.ROOT));
                return list;
            }
            case DATE:
                return NODES.textNode(date(text));
            default:
                return NODES.textNode(text(column, text));
        }
    }

    /** ID numbers and phones that a spreadsheet turned into numbers (1.3800138E10, 13800138000.0), and a lower-case x. */
    private static String text(BatchColumns.Column column, String text) {
        boolean idOrPhone = column.path().equals("applicant.idNumber") || column.path().equals("applicant.phone");
        if (!idOrPhone) return text;
        String t = text;
        if (PLAIN_NUMBER.matcher(t).matches() && (t.contains("E") || t.contains("e") || t.endsWith(".0"))) {
            try {
                BigDecimal d = new BigDecimal(t);
                if (d.scale() >= -20 && d.scale() <= 20) t = d.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException ignored) {
                // left as it was
            }
        }
        return column.path().equals("applicant.idNumber") ? t.toUpperCase(Locale.ROOT) : t;
    }

    /** yyyy-MM-dd, yyyy/M/d, yyyyMMdd, yyyy.M.d or an Excel date serial, as ISO; anything else unchanged. */
    static String date(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}")) {
                String[] p = t.split("[-/.]");
                return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])).toString();
            }
            if (t.matches("\\d{8}")) return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE).toString();
            if (t.matches("\\d{4,5}(\\.0+)?")) {
                long serial = Long.parseLong(t.contains(".") ? t.substring(0, t.indexOf('.')) : t);
                return EXCEL_EPOCH.plusDays(serial).toString();
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return t;
        }
        return t;
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = NODES.objectNode();
                node.set(parts[i], child);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }
}

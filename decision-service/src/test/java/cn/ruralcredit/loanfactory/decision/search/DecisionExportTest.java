package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.search.SearchFixture.Made;
import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static cn.ruralcredit.loanfactory.decision.search.SearchFixture.APP;
import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /api/v1/decisions/export: CSV and XLSX with the list's columns, masked, streamed, and logged. */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class DecisionExportTest {
    private static final String EXPORT = "/api/v1/decisions/export";
    private static final List<String> HEADER = List.of("decisionId", "requestId", "productCode", "ruleSetVersion",
            "ruleSetSha256", "channel", "asOfDate", "decidedAt", "outcome", "tierCode", "creditLimit", "annualRatePct",
            "approvalLevel", "reasonCodes", "applicantName", "applicantIdNumber", "applicantPhone");

    private static Response export(Map<String, ?> query) {
        return Auth.as(AUDITOR).queryParams(query).when().get(EXPORT);
    }

    /** The expected row of a fixture decision, as text, in the order of {@link #HEADER}. */
    private static List<String> expectedRow(Made m, String tier, String limit, String rate, String level, String reasons,
                                            String maskedId, String maskedPhone) {
        return Arrays.asList(m.decisionId(), m.requestId(), m.productCode(), Integer.toString(m.version()), m.sha256(),
                APP, "2025-11-21", m.decidedAt(), m.outcome(), tier, limit, rate, level, reasons, m.name(), maskedId,
                maskedPhone);
    }

    private static List<List<String>> expectedRows() {
        List<Made> app = SearchFixture.get().made(APP);
        return List.of(
                expectedRow(app.get(0), "G4", "80000", "5.20", "BRANCH", "LIMIT_CAPPED_BY_REQUEST",
                        "150422********0350", ""),
                expectedRow(app.get(1), "DIAMOND", "1000000", "4.60", "UNION_COMMITTEE", "",
                        "150422********023X", "137****1111"),
                expectedRow(app.get(2), "", "0", "", "", "BLACKLISTED;SEGMENT_NOT_ELIGIBLE;BUSINESS_TOO_NEW",
                        "150422********0121", "139****5678"),
                expectedRow(app.get(3), "G4", "80000", "5.20", "BRANCH", "LIMIT_CAPPED_BY_REQUEST",
                        "150422********0041", "138****8000"));
    }

    @Test
    void shouldExportCsvWithBomQuotingAndMaskedValues() {
        SearchFixture f = SearchFixture.get();
        Response response = export(Map.of("format", "csv", "channel", APP));
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("text/csv;charset=UTF-8", response.contentType().replace(" ", ""));
        assertThat(response.header("Content-Disposition"),
                matchesPattern("attachment; filename=\"decisions-\\d{8}T\\d{6}Z\\.csv\""));
        byte[] bytes = response.asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte order mark");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = parseCsv(text);
        assertEquals(HEADER, rows.get(0));
        assertEquals(expectedRows(), rows.subList(1, rows.size()));
        // the name with a comma and quotes is quoted as RFC 4180 has it; lines end with CRLF
        assertEquals(true, text.contains(",\"赵六, \"\"小赵\"\"\","), text);
        assertEquals(true, text.startsWith(String.join(",", HEADER) + "\r\n"), text);
        for (Made m : f.made(APP)) {
            assertFalse(text.contains(m.idNumber()), "full ID number in the CSV");
            if (m.phone() != null) assertFalse(text.contains(m.phone()), "full phone in the CSV");
        }
    }

    @Test
    void shouldExportXlsxWithTheSameColumnsAndNumbersAsNumbers() throws Exception {
        SearchFixture.get();
        Response response = export(Map.of("format", "xlsx", "channel", APP));
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.contentType());
        assertThat(response.header("Content-Disposition"),
                matchesPattern("attachment; filename=\"decisions-\\d{8}T\\d{6}Z\\.xlsx\""));
        List<List<String>> rows = new ArrayList<>();
        BigDecimal firstLimit;
        CellType limitType;
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.asByteArray()))) {
            assertEquals("decisions", workbook.getFirstSheet().getName());
            List<Row> read = workbook.getFirstSheet().read();
            for (Row row : read) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < HEADER.size(); c++) cells.add(text(row, c));
                rows.add(cells);
            }
            firstLimit = read.get(1).getCell(10).asNumber();
            limitType = read.get(1).getCell(10).getType();
        }
        assertEquals(HEADER, rows.get(0));
        assertEquals(expectedRows(), rows.subList(1, rows.size()));
        assertEquals(CellType.NUMBER, limitType);
        assertEquals(0, new BigDecimal("80000").compareTo(firstLimit));
    }

    @Test
    void shouldRecordEachExportInTheAccessLog() {
        SearchFixture.get();
        export(Map.of("format", "csv", "channel", APP, "outcome", "APPROVED")).then().statusCode(200);
        JsonPath log = Auth.as(AUDITOR).queryParam("reader", AUDITOR).queryParam("size", 1)
                .when().get("/api/v1/audit/personal-data-reads").then().statusCode(200).extract().jsonPath();
        assertEquals("EXPORT", log.getString("items[0].purpose"));
        assertEquals(AUDITOR, log.getString("items[0].reader"));
        assertEquals(List.of("AUDITOR"), log.getList("items[0].readerRoles"));
        assertEquals(Map.of("format", "csv", "channel", APP, "outcome", "APPROVED"), log.getMap("items[0].filter"));
        assertEquals(2, log.getInt("items[0].rowCount"));
        assertNull((Object) log.get("items[0].decisionId"));
    }

    @Test
    void shouldExportAnEmptySelectionAsTheHeaderAlone() {
        Response response = export(Map.of("format", "CSV", "channel", "NO_SUCH_CHANNEL"));
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("\uFEFF" + String.join(",", HEADER) + "\r\n", response.asString());
        Auth.as(AUDITOR).queryParam("reader", AUDITOR).queryParam("size", 1)
                .when().get("/api/v1/audit/personal-data-reads").then().statusCode(200)
                .body("items[0].filter.channel", equalTo("NO_SUCH_CHANNEL"))
                .body("items[0].rowCount", equalTo(0));
    }

    @Test
    void shouldRefuseAMissingOrUnknownFormatNamingIt() {
        export(Map.of("channel", APP)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("format"))
                .body("errors.message", contains("is required: csv or xlsx"));
        export(Map.of("format", "pdf")).then().statusCode(400)
                .body("errors.field", contains("format"))
                .body("errors.message", contains("must be csv or xlsx"));
        export(Map.of("format", "csv", "outcome", "NONE", "from", "2025-11-02", "to", "2025-11-01")).then()
                .statusCode(400)
                .body("errors.field", contains("outcome", "from"));
    }

    @Test
    void shouldLetOnlyAuditorsExport() {
        AccessMatrix.of("GET /api/v1/decisions/export",
                        r -> r.queryParam("format", "csv").queryParam("channel", "NO_SUCH_CHANNEL").get(EXPORT))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, ADMIN)
                .forbidsChannel()
                .admits(200, AUDITOR);
    }

    private static String text(Row row, int column) {
        return row.getOptionalCell(column).map(cell -> switch (cell.getType()) {
            case NUMBER -> cell.asNumber().toPlainString();
            case EMPTY -> "";
            default -> cell.getText();
        }).orElse("");
    }

    /** RFC 4180: fields split at commas outside quotes, doubled quotes inside quotes, records at CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) throw new AssertionError("the CSV does not end with CRLF");
        return records;
    }
}

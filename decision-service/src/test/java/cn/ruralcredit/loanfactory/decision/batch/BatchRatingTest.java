package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v1/batches: village files decided in the background. Outcomes are checked against
 * {@link Village}'s oracle, written from PRODUCTS.md alone; bad rows against what was broken in them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class BatchRatingTest {
    static final String OFFICER = "officer";
    private static final String PRODUCT = "VILLAGE";
    private static final Charset GB18030 = Charset.forName("GB18030");

    @Inject
    BatchRunner runner;
    @Inject
    EntityManager em;

    @BeforeAll
    static void product() {
        if (QuarkusTransaction.requiringNew().call(() -> cn.ruralcredit.loanfactory.catalog.product.Product.findByCode(PRODUCT).isEmpty())) {
            TestCatalog.publishUnoffered(PRODUCT, SeedRuleSets.ruleSet("FUNONG"));
        }
    }

    /** A bad cell put into row {@code index} of the file, and the column and field it must be reported under. */
    private record Breakage(String column, String value, String field) {
    }

    private static final List<Breakage> BREAKAGES = List.of(
            new Breakage("身份证号", "150422197511020040", "applicant.idNumber"),   // wrong check character
            new Breakage("姓名", "", "applicant.name"),                           // required
            new Breakage("客户类型", "FISHER", "applicant.segment"),               // not an enum value
            new Breakage("年收入", "-100", "applicant.annualIncome"),               // negative money
            new Breakage("年支出", "很多", "applicant.annualExpenses"),              // not a number
            new Breakage("期限月数", "0", "application.termMonths"),                 // out of range
            new Breakage("手机号", "12345", "applicant.phone"),                     // not a phone
            new Breakage("黑名单", "也许", "applicant.blacklisted"),                  // not yes/no
            new Breakage("申请金额", "0", "application.requestedAmount"),            // must be > 0
            new Breakage("近24个月逾期次数", "1.5", "applicant.creditHistory.overdueCount24m")); // not an integer

    @Test
    void shouldRateTenThousandGb18030RowsWithFiftyBadOnesExactlyAsTheOracleSays() throws Exception {
        List<Village.Household> households = Village.households(10_000, 13);
        // 50 rows broken, 5 of each kind, spread over the file
        Map<Integer, Breakage> broken = new TreeMap<>();
        for (int k = 0; k < 50; k++) broken.put(97 + k * 197, BREAKAGES.get(k % BREAKAGES.size()));
        StringBuilder csv = new StringBuilder(String.join(",", Village.HEADER)).append("\r\n");
        List<Village.Household> good = new ArrayList<>();
        for (int i = 0; i < households.size(); i++) {
            List<String> cells = new ArrayList<>(households.get(i).cells());
            Breakage b = broken.get(i);
            if (b != null) cells.set(Village.HEADER.indexOf(b.column()), b.value());
            else good.add(households.get(i));
            csv.append(Village.csvLine(cells));
        }
        Path file = Files.createTempFile("village-gb18030", ".csv");
        Files.write(file, csv.toString().getBytes(GB18030));
        try {
            Response started = upload(file, "村.csv", Map.of("productCode", PRODUCT, "asOfDate", Village.AS_OF.toString(), "label", "红旗村"));
            started.then().statusCode(202).body("status", equalTo("QUEUED")).body("file.format", equalTo("CSV"))
                    .body("file.charset", equalTo("GB18030")).body("progress.total", equalTo(10_000)).body("label", equalTo("红旗村"));
            String id = started.path("id");
            assertEquals("/api/v1/batches/" + id, started.header("Location"));
            JsonPath done = Factory.awaitFinished(OFFICER, "/api/v1/batches/" + id, Duration.ofMinutes(5));
            assertEquals("DONE", done.getString("status"), done.prettify());
            assertEquals(10_000, done.getInt("progress.done"));
            assertEquals(50, done.getInt("progress.failedRows"));

            Map<String, Integer> outcomes = Village.outcomes(good);
            assertEquals(outcomes.getOrDefault("APPROVED", 0), done.getInt("summary.byOutcome.APPROVED"));
            assertEquals(outcomes.getOrDefault("DECLINED", 0), done.getInt("summary.byOutcome.DECLINED"));
            assertEquals(outcomes.getOrDefault("REFERRED", 0), done.getInt("summary.byOutcome.REFERRED"));
            assertTrue(outcomes.getOrDefault("REFERRED", 0) > 0 && outcomes.getOrDefault("DECLINED", 0) > 0, outcomes.toString());
            Map<String, Integer> tiers = new TreeMap<>();
            for (Map<String, Object> t : done.<Map<String, Object>>getList("summary.byTier")) {
                if (t.get("tierCode") != null) tiers.put((String) t.get("tierCode"), ((Number) t.get("count")).intValue());
            }
            assertEquals(Village.tiers(good), tiers);
            assertEquals(0, Village.exposure(good).compareTo(new BigDecimal(done.getString("summary.totalExposure"))));

            // every good row stored once, as a decision of channel BATCH with requestId <batch>-<row>
            long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from decision where channel = 'BATCH' and request_id like ?1").setParameter(1, id + "-%")
                    .getSingleResult()).longValue());
            assertEquals(good.size(), stored);
            long distinctRows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(distinct request_id) from decision where channel = 'BATCH' and request_id like ?1")
                    .setParameter(1, id + "-%").getSingleResult()).longValue());
            assertEquals(good.size(), distinctRows);

            // the 50 errors, each with its row (header = row 1, so household i is row i + 2) and column
            String errors = new String(Auth.as(OFFICER).get("/api/v1/batches/" + id + "/results?rows=errors").then().statusCode(200)
                    .extract().asByteArray(), StandardCharsets.UTF_8);
            List<String> lines = errors.lines().toList();
            assertEquals(51, lines.size(), errors);
            int n = 1;
            for (var e : broken.entrySet()) {
                String line = lines.get(n++);
                Breakage b = e.getValue();
                assertTrue(line.startsWith((e.getKey() + 2) + ","), line);
                assertTrue(line.contains(",ERROR,"), line);
                assertTrue(line.contains(b.column() + " (" + b.field() + "): "), b + " → " + line);
            }
            // the full results: one line per row, in order, with outcome and tier as the oracle has them
            String all = new String(Auth.as(OFFICER).get("/api/v1/batches/" + id + "/results?format=csv").then().statusCode(200)
                    .extract().asByteArray(), StandardCharsets.UTF_8);
            List<String> resultLines = all.lines().toList();
            assertEquals(10_001, resultLines.size());
            assertTrue(resultLines.get(0).startsWith("\uFEFF行号,姓名,身份证号"), resultLines.get(0));
            for (int i = 0; i < households.size(); i += 101) {
                if (broken.containsKey(i)) continue;
                String[] cells = resultLines.get(i + 1).split(",", -1);
                Village.Household h = households.get(i);
                assertEquals(Integer.toString(i + 2), cells[0]);
                assertEquals(h.cells().get(1), cells[1]);
                assertEquals(h.outcome(), cells[4], resultLines.get(i + 1));
                assertEquals(h.tier() == null ? "" : h.tier(), cells[5], resultLines.get(i + 1));
            }

            // the same file again: the same job; with newJob=true a new one
            Response again = upload(file, "村.csv", Map.of("productCode", PRODUCT, "asOfDate", Village.AS_OF.toString()));
            again.then().statusCode(200).body("id", equalTo(id));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldDecideNoRowTwiceWhenStoppedPartWayAndResumed() throws Exception {
        List<Village.Household> households = Village.households(2_300, 77);
        StringBuilder csv = new StringBuilder("\uFEFF" + String.join(",", Village.HEADER)).append("\r\n");
        for (Village.Household h : households) csv.append(Village.csvLine(h.cells()));
        Path file = Files.createTempFile("village-utf8", ".csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        try {
            // the runner stops itself, as a shutdown does, right after its second chunk (of 500 rows) is committed
            runner.stopAfterChunks(2);
            Response started = upload(file, "resume.csv", Map.of("productCode", PRODUCT, "asOfDate", Village.AS_OF.toString(),
                    "newJob", "true"));
            started.then().statusCode(202).body("file.charset", equalTo("UTF-8"));
            String id = started.path("id");
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            JsonPath part;
            do {
                Thread.sleep(50);
                part = Auth.as(OFFICER).get("/api/v1/batches/" + id).then().statusCode(200).extract().jsonPath();
            } while (part.getInt("progress.done") < 1000 && System.nanoTime() < until);
            // the runner is stopped: the job stays RUNNING at row 1,001 (500 × 2 rows and the header)
            Thread.sleep(500);
            part = Auth.as(OFFICER).get("/api/v1/batches/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("RUNNING", part.getString("status"));
            assertEquals(1000, part.getInt("progress.done"));
            assertEquals(1000L, storedDecisions(id) + part.getInt("progress.failedRows"));

            runner.start();
            JsonPath done = Factory.awaitFinished(OFFICER, "/api/v1/batches/" + id, Duration.ofMinutes(3));
            assertEquals("DONE", done.getString("status"), done.prettify());
            assertEquals(2_300, done.getInt("progress.done"));
            assertEquals(0, done.getInt("progress.failedRows"));
            assertEquals(2_300L, storedDecisions(id));
            long resultRows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from batch_row where batch_id = ?1").setParameter(1, id).getSingleResult()).longValue());
            assertEquals(2_300L, resultRows);
            Map<String, Integer> outcomes = Village.outcomes(households);
            assertEquals(outcomes.getOrDefault("APPROVED", 0), done.getInt("approved"));
            assertEquals(outcomes.getOrDefault("DECLINED", 0), done.getInt("declined"));
            assertEquals(outcomes.getOrDefault("REFERRED", 0), done.getInt("referred"));
        } finally {
            runner.start();
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldRateTheTemplateUploadedAsItIs() throws Exception {
        byte[] template = Auth.as(OFFICER).get("/api/v1/batches/template?format=xlsx").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"batch-template.xlsx\"").extract().asByteArray();
        // Chinese headers, one example row, and a drop-down list on the enum and yes/no columns
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(template))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("身份证号", rows.get(0).getCellText(0));
            assertEquals("姓名", rows.get(0).getCellText(1));
            assertEquals("客户类型", rows.get(0).getCellText(3));
            assertEquals("张三", rows.get(1).getCellText(1));
            assertEquals(2, rows.stream().filter(r -> r.getCellCount() > 0 && !r.getCellText(0).isEmpty()).count());
        }
        String sheetXml = part(template, "xl/worksheets/sheet1.xml");
        for (String list : List.of("FARMER,AGRI_ENTITY,MERCHANT", "NONE,POOR,AVERAGE,GOOD", "是,否", "PRODUCTION,BUSINESS",
                "GUARANTOR,GUARANTOR_PUBLIC_SERVANT")) {
            assertTrue(sheetXml.contains(list), "no drop-down list " + list);
        }
        Path file = Files.createTempFile("template", ".xlsx");
        Files.write(file, template);
        try {
            Response started = upload(file, "template.xlsx", Map.of("productCode", PRODUCT, "asOfDate", Village.AS_OF.toString(),
                    "newJob", "true"));
            started.then().statusCode(202).body("file.format", equalTo("XLSX")).body("progress.total", equalTo(1));
            String id = started.path("id");
            JsonPath done = Factory.awaitFinished(OFFICER, "/api/v1/batches/" + id, Duration.ofMinutes(2));
            assertEquals("DONE", done.getString("status"), done.prettify());
            // the example is the API.md request: G4 (score 83), 80,000 capped by the request, 5.20 %
            assertEquals(1, done.getInt("approved"));
            // the progress stream of a finished job: one event, the job DONE, and the stream ends
            String events = Auth.as(OFFICER).accept("text/event-stream").get("/api/v1/batches/" + id + "/events").then()
                    .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream")).extract().asString();
            assertEquals(1, events.lines().filter(l -> l.startsWith("data:")).count(), events);
            assertTrue(events.contains("\"status\":\"DONE\"") && events.contains("\"done\":1"), events);
            Auth.as(Auth.APPROVER).get("/api/v1/batches/" + id).then().statusCode(403);
            byte[] results = Auth.as(OFFICER).get("/api/v1/batches/" + id + "/results?format=xlsx").then().statusCode(200)
                    .extract().asByteArray();
            try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(results))) {
                List<Row> rows = wb.getFirstSheet().read();
                assertEquals("行号", rows.get(0).getCellText(0));
                assertEquals("2", rows.get(1).getCellText(0));
                assertEquals("张三", rows.get(1).getCellText(1));
                assertEquals("APPROVED", rows.get(1).getCellText(4));
                assertEquals("G4", rows.get(1).getCellText(5));
                assertEquals(0, new BigDecimal("80000").compareTo(rows.get(1).getCellAsNumber(7).orElseThrow()));
                assertEquals(0, new BigDecimal("5.20").compareTo(rows.get(1).getCellAsNumber(8).orElseThrow()));
                String decisionId = rows.get(1).getCellText(12);
                // the decision reads back like any other, with the officer as requester, and replays to the same answer
                Auth.as(Auth.AUDITOR).get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                        .body("requestedBy", equalTo(OFFICER)).body("tier.code", equalTo("G4"))
                        .body("requestId", equalTo(id + "-2")).body("request.channel", equalTo("BATCH"));
                Auth.as(Auth.AUDITOR).post("/api/v1/decisions/" + decisionId + "/replay").then().statusCode(200)
                        .body("match", equalTo(true));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldRefuseWhatIsNotAVillageFile() throws Exception {
        Path file = Files.createTempFile("bad", ".csv");
        try {
            Files.writeString(file, "姓名,年收入\r\n张三,1000\r\n");
            upload(file, "bad.csv", Map.of("productCode", PRODUCT)).then().statusCode(400)
                    .body("errors[0].field", equalTo("file"));
            // a zip bomb: a worksheet of 200 MB of one letter, compressed to a few hundred KB
            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
                zip.write("<workbook><sheets><sheet name=\"a\" r:id=\"rId1\" xmlns:r=\"r\"/></sheets></workbook>".getBytes());
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                byte[] zeros = new byte[1 << 20];
                java.util.Arrays.fill(zeros, (byte) 'a');
                zip.write("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".getBytes());
                for (int i = 0; i < 200; i++) zip.write(zeros);
                zip.closeEntry();
            }
            upload(file, "bomb.xlsx", Map.of("productCode", PRODUCT)).then().statusCode(400)
                    .body("errors[0].field", equalTo("file"));
            Files.writeString(file, String.join(",", Village.HEADER) + "\r\n");
            upload(file, "empty.csv", Map.of("productCode", PRODUCT)).then().statusCode(400).body("errors[0].field", equalTo("file"));
            upload(file, "x.csv", Map.of()).then().statusCode(400).body("errors[0].field", equalTo("productCode"));
            Auth.as(Auth.MANAGER).multiPart("file", file.toFile(), "text/csv").multiPart("productCode", PRODUCT)
                    .post("/api/v1/batches").then().statusCode(403);
            // without credentials the upload is refused before a byte of it is written anywhere
            io.restassured.RestAssured.given().multiPart("file", file.toFile(), "text/csv").multiPart("productCode", PRODUCT)
                    .post("/api/v1/batches").then().statusCode(401);
            Auth.channel().multiPart("file", file.toFile(), "text/csv").multiPart("productCode", PRODUCT)
                    .post("/api/v1/batches").then().statusCode(401);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private long storedDecisions(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from decision where channel = 'BATCH' and request_id like ?1").setParameter(1, id + "-%")
                .getSingleResult()).longValue());
    }

    static Response upload(Path file, String name, Map<String, String> fields) {
        var request = Auth.as(OFFICER).multiPart("file", name, readAll(file), "application/octet-stream");
        for (var f : new LinkedHashMap<>(fields).entrySet()) {
            request = request.multiPart(new io.restassured.builder.MultiPartSpecBuilder(f.getValue()).controlName(f.getKey())
                    .charset(StandardCharsets.UTF_8).build());
        }
        return request.post("/api/v1/batches");
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String part(byte[] zip, String name) throws IOException {
        Path file = Files.createTempFile("part", ".zip");
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Files.write(file, zip).toFile())) {
            ZipEntry e = z.getEntry(name);
            if (e == null) throw new AssertionError("no " + name);
            return new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.jobs.JobRunner;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.StoredRows;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v1/replays: 10,000 real decisions of one product replayed in the background, three
 * of them altered in the database beforehand. The campaign is stopped part-way as a shutdown
 * stops it, then resumed as a start resumes it: the report must count each decision once.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class ReplayCampaignTest {
    private static final String PRODUCT = "CAMP";
    private static final int DECISIONS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DecisionService decisions;
    @Inject
    JobRunner runner;

    @Test
    void shouldReplayTenThousandDecisionsAcrossARestartAndReportEachMismatchOnce() throws Exception {
        TestCatalog.publish(PRODUCT, SeedRuleSets.ruleSet("FUNONG"));
        List<String> ids = decideInProcess(DECISIONS);
        // someone with database access changes three stored answers
        Map<String, String> altered = new LinkedHashMap<>();
        altered.put(ids.get(17), "creditLimit");
        altered.put(ids.get(5_000), "creditLimit");
        altered.put(ids.get(9_990), "approvalLevel");
        Map<String, String> originals = new LinkedHashMap<>();
        for (String id : altered.keySet()) originals.put(id, StoredRows.decisionColumn(id, "response_json"));
        try {
            for (var e : altered.entrySet()) {
                String stored = originals.get(e.getKey());
                String changed = e.getValue().equals("creditLimit")
                        ? stored.replaceFirst("\"creditLimit\":(\\d+)", "\"creditLimit\":1$1")
                        : stored.replaceFirst("\"approvalLevel\":(\"BRANCH\"|\"UNION_COMMITTEE\"|null)", "\"approvalLevel\":\"HEAD_OFFICE\"");
                if (changed.equals(stored)) throw new AssertionError("could not alter " + e.getValue() + " of " + stored);
                StoredRows.updateDecision(e.getKey(), "response_json", changed);
            }
            runCampaign(altered);
        } finally {
            for (var e : originals.entrySet()) StoredRows.updateDecision(e.getKey(), "response_json", e.getValue());
        }
    }

    private void runCampaign(Map<String, String> altered) throws Exception {
        runner.stop();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonPath queued = Auth.as(Auth.AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("productCode", PRODUCT, "from", today, "to", today)).post("/api/v1/replays")
                .then().statusCode(202).header("Location", containsString("/api/v1/replays/"))
                .body("status", equalTo("QUEUED")).body("progress.total", equalTo(DECISIONS))
                .body("progress.done", equalTo(0)).extract().jsonPath();
        String id = queued.getString("id");

        runner.start();
        BackgroundJob partWay = waitFor(id, job -> job.done >= 1_000, Duration.ofSeconds(120));
        runner.stop();
        BackgroundJob stopped = job(id);
        assertTrue(stopped.done < DECISIONS, "stopped part-way, not after the end: " + stopped.done);
        assertTrue(stopped.done >= partWay.done);
        assertEquals(BackgroundJob.RUNNING, stopped.status, "a stop leaves the job to be resumed");
        assertEquals(stopped.done, items(id), "every counted decision has its item, and only those");
        assertEquals(stopped.done, stopped.matched + stopped.mismatched + stopped.failed);
        JsonPath progress = Auth.as(Auth.AUDITOR).get("/api/v1/replays/" + id).then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("progress.done", equalTo(stopped.done))
                .body("progress.total", equalTo(DECISIONS)).extract().jsonPath();
        assertTrue(progress.getDouble("progress.ratePerSecond") > 0);
        assertNotNull(progress.get("progress.etaSeconds"));
        Auth.as(Auth.AUDITOR).get("/api/v1/replays/" + id + "/report").then().statusCode(409);

        runner.start();
        waitFor(id, BackgroundJob::finished, Duration.ofSeconds(300));

        Auth.as(Auth.AUDITOR).get("/api/v1/replays/" + id).then().statusCode(200)
                .body("status", equalTo("DONE")).body("progress.done", equalTo(DECISIONS))
                .body("progress.total", equalTo(DECISIONS)).body("progress.percent", equalTo(100.0f))
                .body("progress.etaSeconds", equalTo(0))
                .body("matched", equalTo(DECISIONS - 3)).body("mismatched", equalTo(3)).body("failed", equalTo(0));
        assertEquals(DECISIONS, items(id));

        String report = Auth.as(Auth.AUDITOR).get("/api/v1/replays/" + id + "/report").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"replay-" + id + ".json\"")
                .extract().asString();
        JsonNode json = JSON.readTree(report);
        assertEquals(DECISIONS, json.get("total").asInt());
        assertEquals(DECISIONS - 3, json.get("matched").asInt());
        assertEquals(3, json.get("mismatched").asInt());
        Map<String, String> reported = new LinkedHashMap<>();
        for (JsonNode m : json.get("mismatches")) {
            assertEquals(1, m.get("fields").size(), m.toString());
            reported.put(m.get("decisionId").asText(), m.get("fields").get(0).asText());
        }
        assertEquals(altered, reported, "each altered decision once, in id order, with the field altered");
        assertEquals(0, json.get("failures").size());

        String csv = Auth.as(Auth.AUDITOR).queryParam("format", "csv").get("/api/v1/replays/" + id + "/report")
                .then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("decisionId,result,field,original,replayed", lines.get(0));
        assertEquals(4, lines.size());
        List<String> first = List.of(lines.get(1).split(","));
        assertEquals(List.of(altered.keySet().iterator().next(), "MISMATCH", "creditLimit"), first.subList(0, 3));
        assertEquals(Long.parseLong(first.get(3)), Long.parseLong("1" + first.get(4)));

        Auth.as(Auth.AUDITOR).get("/api/v1/replays").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void shouldNameTheBadFieldOfACampaignAndLetOnlyAuditorsRunOne() {
        Auth.as(Auth.AUDITOR).contentType(ContentType.JSON).body(Map.of("from", "2026-01-01")).post("/api/v1/replays")
                .then().statusCode(400).body("errors[0].field", equalTo("productCode"));
        Auth.as(Auth.AUDITOR).contentType(ContentType.JSON).body(Map.of("productCode", "NOPE")).post("/api/v1/replays")
                .then().statusCode(400).body("errors[0].field", equalTo("productCode"));
        Auth.as(Auth.AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("productCode", "FUNONG", "from", "2026-02-01", "to", "2026-01-01")).post("/api/v1/replays")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        Auth.as(Auth.AUDITOR).contentType(ContentType.JSON).body("{\"productCode\": \"FUNONG\", \"from\": \"yesterday\"}")
                .post("/api/v1/replays").then().statusCode(400);
        Auth.as(Auth.AUDITOR).get("/api/v1/replays/01JZZZZZZZZZZZZZZZZZZZZZZZ").then().statusCode(404);
        Auth.as(Auth.AUDITOR).queryParam("format", "pdf").get("/api/v1/replays/01JZZZZZZZZZZZZZZZZZZZZZZZ/report")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        for (String staff : List.of(Auth.MANAGER, Auth.APPROVER, Auth.ADMIN)) {
            Auth.as(staff).contentType(ContentType.JSON).body(Map.of("productCode", "FUNONG")).post("/api/v1/replays")
                    .then().statusCode(403);
            Auth.as(staff).get("/api/v1/replays").then().statusCode(403);
        }
        Auth.channel().get("/api/v1/replays").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/replays").then().statusCode(401);
    }

    /** Real decisions through the service's own path (validation, rules, storage), on two threads. */
    private List<String> decideInProcess(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String body = varied(i).toString();
                futures.add(pool.submit(() -> JSON.readTree(decisions.decideFor("REPLAY_TEST", body)).get("decisionId").asText()));
            }
            List<String> ids = new ArrayList<>(count);
            for (Future<String> f : futures) ids.add(f.get());
            return ids.stream().sorted().toList();
        } finally {
            pool.shutdown();
        }
    }

    /** Applicants that differ in income, deposits, ratings and amounts, so the replays cover every band. */
    private static Requests varied(int i) {
        String[] ratings = {"GOOD", "AVERAGE", "POOR", "NONE"};
        return Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", null)
                .set("requestId", "camp-" + i)
                .set("applicant.annualIncome", 20_000 + (i % 13) * 15_000)
                .set("applicant.avgDepositBalance12m", (i % 7) * 20_000)
                .set("applicant.committeeRating", ratings[i % 4])
                .set("applicant.creditHistory.overdueCount24m", i % 5 == 0 ? 2 : 0)
                .set("application.requestedAmount", 10_000 + (i % 11) * 15_000);
    }

    private static BackgroundJob waitFor(String id, Predicate<BackgroundJob> condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            BackgroundJob job = job(id);
            if (condition.test(job)) return job;
            Thread.sleep(5);
        }
        throw new AssertionError("job " + id + " did not get there in " + limit + ": " + job(id).done + " done");
    }

    private static BackgroundJob job(String id) {
        return QuarkusTransaction.requiringNew().call(() -> BackgroundJob.<BackgroundJob>findById(id));
    }

    private static long items(String id) {
        return QuarkusTransaction.requiringNew().call(() -> JobItem.count("jobId", id));
    }
}

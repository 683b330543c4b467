package cn.ruralcredit.loanfactory.decision.simulation;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.jobs.JobRunner;
import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static cn.ruralcredit.loanfactory.decision.support.Factory.versions;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Impact simulation before approval. Product SIMFN is a copy of FUNONG (with its scenario suite)
 * whose version 1 decides a known set of ten applicants; a draft that raises the score threshold
 * from 35 to 50 (G1 removed, below 50 declined) must move exactly the three G1 decisions from
 * APPROVED to DECLINED, and the report must say so figure by figure. Then the approval rule, the
 * refusals, a simulation whose draft changed before it ran, access, and the rate on thousands.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class SimulationTest {
    private static final Logger LOG = Logger.getLogger(SimulationTest.class);
    private static final String PRODUCT = "SIMFN";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);
    private static final String G1_ROW = "accumulate( ScorePart( $p : points ); $score : sum( $p ); $score >= 35 )";
    private static final String DECLINE_ROW = "accumulate( ScorePart( $p : points ); $score : sum( $p ); $score < 35 )";
    private static final String GRADING = "FUNONG/grading.drl";
    /** A comment line of grading.drl: editing it changes the content (sha256) and no decision. */
    private static final String SCORECARD = "// 福农卡 FUNONG — scorecard";

    @Inject
    JobRunner runner;
    @Inject
    DecisionService decisionService;

    private static Known known;

    /** The decisions SIMFN version 1 made, and the LPR they were priced from. */
    private record Known(BigDecimal lpr, List<String> g1Ids, String g1AskingFor30k) {
    }

    // --- the applicants: FUNONG scores (PRODUCTS.md §2) computed by hand ---

    private static Requests applicant(String code) {
        return Requests.apiExample().set("productCode", code).set("asOfDate", null);
    }

    /** The API.md example: score 83 → G4 cap 100,000; 80,000 asked → 80,000, LIMIT_CAPPED_BY_REQUEST; LPR + 2.20. */
    private static Requests g4(String code) {
        return applicant(code);
    }

    /**
     * Score 48 → G1 cap 40,000; LPR + 4.20: net income 30,000 → 10, net assets 100,000 → 8, no overdue → 20,
     * deposit 5,000 → 0, committee GOOD → 10. Raising the threshold to 50 declines it (SCORE_TOO_LOW).
     */
    private static Requests g1(String code, int requested) {
        return applicant(code).set("applicant.annualIncome", 70000).set("applicant.annualExpenses", 40000)
                .set("applicant.totalAssets", 150000).set("applicant.totalLiabilities", 50000)
                .set("applicant.avgDepositBalance12m", 5000).set("application.requestedAmount", requested);
    }

    /**
     * Score exactly 50 → G2 cap 60,000; LPR + 3.50: net income 60,000 → 20, net assets 10,000 → 0,
     * no overdue → 20, GOOD → 10. It stays G2 under the raised threshold.
     */
    private static Requests g2AtFifty(String code) {
        return applicant(code).set("applicant.annualIncome", 100000).set("applicant.annualExpenses", 40000)
                .set("applicant.totalAssets", 60000).set("applicant.totalLiabilities", 50000)
                .set("applicant.avgDepositBalance12m", 5000);
    }

    /** Score 30 (no overdue → 20, GOOD → 10): DECLINED, SCORE_TOO_LOW, before and after. */
    private static Requests lowScore(String code) {
        return g2AtFifty(code).set("applicant.annualIncome", 40000);
    }

    /** A poor village committee rating: DECLINED, COMMITTEE_NEGATIVE, before and after. */
    private static Requests poorCommittee(String code) {
        return applicant(code).set("applicant.committeeRating", "POOR");
    }

    /** An agricultural entity scoring 83, revenue 3,000,000: DIAMOND; 500,000 > branch authority: REFERRED; LPR + 1.60. */
    private static Requests diamond(String code) {
        return applicant(code).set("applicant.segment", "AGRI_ENTITY").set("applicant.annualRevenue", 3000000)
                .set("application.requestedAmount", 500000);
    }

    /** The ten applicants, in the order they are decided. */
    private static List<Requests> tenApplicants(String code) {
        return List.of(g4(code), g1(code, 80000), g4(code), g2AtFifty(code), g1(code, 30000), lowScore(code),
                g1(code, 80000), poorCommittee(code), diamond(code), g4(code));
    }

    private static JsonPath decide(Requests request) {
        return Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions").then()
                .statusCode(200).extract().jsonPath(EXACT);
    }

    private static void expect(JsonPath decision, String outcome, String tier, String limit, BigDecimal rate,
                               String... reasons) {
        assertEquals(outcome, decision.getString("outcome"), decision::prettify);
        assertEquals(tier, decision.getString("tier.code"), decision::prettify);
        assertEquals(0, new BigDecimal(limit).compareTo(new BigDecimal(decision.getString("creditLimit"))),
                decision::prettify);
        if (rate == null) assertNull(decision.get("annualRatePct"));
        else assertEquals(0, rate.compareTo(new BigDecimal(decision.getString("annualRatePct"))), decision::prettify);
        assertEquals(List.of(reasons), decision.getList("reasons.code"), decision::prettify);
    }

    /**
     * SIMFN: a copy of FUNONG version 1 with its suite, published today (the approver acknowledges
     * there is nothing to simulate it on), and the ten decisions of {@link #tenApplicants}, checked.
     */
    private static synchronized Known known() {
        if (known != null) return known;
        Factory.productCopiedFrom(PRODUCT, "FUNONG", 1);
        Factory.submitApprovePublish(PRODUCT, 1, TODAY);
        List<Requests> applicants = tenApplicants(PRODUCT);
        List<JsonPath> decided = applicants.stream().map(SimulationTest::decide).toList();
        BigDecimal lpr = new BigDecimal(decided.get(0).getString("lprPct"));
        for (JsonPath d : decided) assertEquals(lpr, new BigDecimal(d.getString("lprPct")), "one LPR for every decision");
        expect(decided.get(0), "APPROVED", "G4", "80000", lpr.add(new BigDecimal("2.20")), "LIMIT_CAPPED_BY_REQUEST");
        expect(decided.get(1), "APPROVED", "G1", "40000", lpr.add(new BigDecimal("4.20")));
        expect(decided.get(3), "APPROVED", "G2", "60000", lpr.add(new BigDecimal("3.50")));
        expect(decided.get(4), "APPROVED", "G1", "30000", lpr.add(new BigDecimal("4.20")), "LIMIT_CAPPED_BY_REQUEST");
        expect(decided.get(5), "DECLINED", null, "0", null, "SCORE_TOO_LOW");
        expect(decided.get(6), "APPROVED", "G1", "40000", lpr.add(new BigDecimal("4.20")));
        expect(decided.get(7), "DECLINED", null, "0", null, "COMMITTEE_NEGATIVE");
        expect(decided.get(8), "REFERRED", "DIAMOND", "500000", lpr.add(new BigDecimal("1.60")), "LIMIT_CAPPED_BY_REQUEST");
        known = new Known(lpr, List.of(decided.get(1).getString("decisionId"), decided.get(4).getString("decisionId"),
                decided.get(6).getString("decisionId")).stream().sorted().toList(), decided.get(4).getString("decisionId"));
        return known;
    }

    /** A new draft of {@code code} copied from version 1 with the score threshold raised from 35 to 50. */
    private static int thresholdRaisedTo50(String code) {
        int draft = Factory.draftFrom(code, 1).getInt("version");
        Factory.replaceInFile(code, draft, GRADING, G1_ROW, G1_ROW.replace("35", "50"));
        Factory.replaceInFile(code, draft, GRADING, DECLINE_ROW, DECLINE_ROW.replace("35", "50"));
        return draft;
    }

    private static long decisionsOf(String code) {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count("productCode", code));
    }

    private static Map<String, Object> row(int approved, int referred, int declined, int error) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("APPROVED", approved);
        row.put("REFERRED", referred);
        row.put("DECLINED", declined);
        row.put("ERROR", error);
        return row;
    }

    private static Map<String, Object> distribution(int count, BigDecimal mean, BigDecimal p50, BigDecimal p90) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("count", count);
        d.put("mean", mean);
        d.put("p50", p50);
        d.put("p90", p90);
        return d;
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    @Test
    void shouldMoveExactlyTheG1DecisionsFromApprovedToDeclinedWhenTheScoreThresholdIsRaisedTo50() {
        Known k = known();
        BigDecimal lpr = k.lpr();
        int draft = thresholdRaisedTo50(PRODUCT);
        String draftSha = Factory.version(PRODUCT, draft).getString("sha256");
        long decisionsBefore = decisionsOf(PRODUCT);

        JsonPath simulation = Factory.simulate(MANAGER, PRODUCT, draft, "{}", DEADLINE);

        assertEquals("DONE", simulation.getString("status"), simulation::prettify);
        assertEquals(draftSha, simulation.getString("ruleSetSha256"));
        assertEquals(TODAY.minusDays(89).toString(), simulation.getString("from"));
        assertEquals(TODAY.toString(), simulation.getString("to"));
        assertEquals(10, simulation.getInt("progress.total"));
        assertEquals(10, simulation.getInt("progress.done"));
        assertEquals(7, simulation.getInt("matched"));
        assertEquals(3, simulation.getInt("mismatched"));
        assertEquals(MANAGER, simulation.getString("createdBy"));
        assertEquals(decisionsBefore, decisionsOf(PRODUCT), "a simulation stores no decision");

        assertEquals(10, simulation.getInt("report.total"));
        assertEquals(7, simulation.getInt("report.unchanged"));
        assertEquals(3, simulation.getInt("report.changed"));
        assertEquals(0, simulation.getInt("report.failed"));
        assertEquals(simulation.<BigDecimal>get("progress.ratePerSecond"), simulation.get("report.ratePerSecond"));
        // the known change: G1 (35-49) is gone, so the three G1 approvals are declined; a score of 50 stays G2
        assertEquals(Map.of("APPROVED", row(4, 0, 3, 0), "REFERRED", row(0, 1, 0, 0), "DECLINED", row(0, 0, 2, 0)),
                simulation.getMap("report.transitions"));
        assertEquals(Map.of("APPROVED", 7, "REFERRED", 1, "DECLINED", 2), simulation.getMap("report.counts.before"));
        assertEquals(Map.of("APPROVED", 4, "REFERRED", 1, "DECLINED", 5, "ERROR", 0),
                simulation.getMap("report.counts.after"));
        // 3 × 80,000 + 2 × 40,000 + 30,000 + 60,000 + 500,000; then without the 110,000 of G1
        assertEquals(amount("910000.00"), simulation.get("report.exposure.before"));
        assertEquals(amount("800000.00"), simulation.get("report.exposure.after"));
        // before: 30,000 40,000 40,000 60,000 80,000 80,000 80,000 500,000 (nearest rank: p50 the 4th, p90 the 8th)
        assertEquals(distribution(8, amount("113750.00"), amount("60000.00"), amount("500000.00")),
                simulation.getMap("report.limits.before"));
        // after: 60,000 80,000 80,000 80,000 500,000 (p50 the 3rd, p90 the 5th)
        assertEquals(distribution(5, amount("160000.00"), amount("80000.00"), amount("500000.00")),
                simulation.getMap("report.limits.after"));
        // one histogram of both sides: 30,000 to 500,000 in bins of 50,000 from 0 (the nice width ≥ 47,000)
        List<Map<String, Object>> bins = simulation.getList("report.limits.bins");
        assertEquals(11, bins.size(), simulation::prettify);
        assertEquals(Map.of("from", amount("0.00"), "to", amount("50000.00"), "before", 3, "after", 0), bins.get(0));
        assertEquals(Map.of("from", amount("50000.00"), "to", amount("100000.00"), "before", 4, "after", 4), bins.get(1));
        assertEquals(Map.of("from", amount("500000.00"), "to", amount("550000.00"), "before", 1, "after", 1), bins.get(10));
        // spreads before: 1.60, 2.20 ×3, 3.50, 4.20 ×3 (mean 3.0375 → 3.04); after: 1.60, 2.20 ×3, 3.50 (mean 2.34)
        assertEquals(distribution(8, lpr.add(amount("3.04")), lpr.add(amount("2.20")), lpr.add(amount("4.20"))),
                simulation.getMap("report.rates.before"));
        assertEquals(distribution(5, lpr.add(amount("2.34")), lpr.add(amount("2.20")), lpr.add(amount("3.50"))),
                simulation.getMap("report.rates.after"));
        assertEquals(List.of(Map.of("code", "SCORE_TOO_LOW", "decisions", 3)),
                simulation.getList("report.reasonCodes.appearing"));
        // only the G1 that asked for 30,000 had LIMIT_CAPPED_BY_REQUEST
        assertEquals(List.of(Map.of("code", "LIMIT_CAPPED_BY_REQUEST", "decisions", 1)),
                simulation.getList("report.reasonCodes.disappearing"));

        // the sample is the three G1 decisions, in decision order, each side as decided
        assertEquals(k.g1Ids(), simulation.getList("report.sample.decisionId"));
        for (int i = 0; i < 3; i++) {
            String sample = "report.sample[" + i + "].";
            boolean askedFor30k = simulation.getString(sample + "decisionId").equals(k.g1AskingFor30k());
            assertEquals("APPROVED", simulation.getString(sample + "before.outcome"));
            assertEquals("G1", simulation.getString(sample + "before.tier"));
            assertEquals(amount(askedFor30k ? "30000.00" : "40000.00"), simulation.get(sample + "before.creditLimit"));
            assertEquals(lpr.add(amount("4.20")), simulation.get(sample + "before.annualRatePct"));
            assertEquals(askedFor30k ? List.of("LIMIT_CAPPED_BY_REQUEST") : List.of(),
                    simulation.getList(sample + "before.reasonCodes"));
            assertEquals("DECLINED", simulation.getString(sample + "after.outcome"));
            assertNull(simulation.get(sample + "after.tier"));
            assertEquals(amount("0.00"), simulation.get(sample + "after.creditLimit"));
            assertNull(simulation.get(sample + "after.annualRatePct"));
            assertEquals(List.of("SCORE_TOO_LOW"), simulation.getList(sample + "after.reasonCodes"));
            assertThat(simulation.getList(sample + "differences.field"),
                    hasItems("outcome", "tier", "creditLimit", "annualRatePct", "approvalLevel", "reasons"));
        }

        // listed, newest first, without the report; read back with it by an auditor
        String id = simulation.getString("id");
        Auth.as(APPROVER).get(versions(PRODUCT) + "/" + draft + "/simulations").then().statusCode(200)
                .body("[0].id", equalTo(id)).body("[0]", not(hasKey("report")));
        Auth.as(AUDITOR).get(versions(PRODUCT) + "/" + draft + "/simulations/" + id).then().statusCode(200)
                .body("report.changed", equalTo(3));

        // the version shows it for the review: current content, covering, the report without its sample
        Auth.as(APPROVER).get(versions(PRODUCT) + "/" + draft).then().statusCode(200)
                .body("latestSimulation.id", equalTo(id))
                .body("latestSimulation.href", equalTo(versions(PRODUCT) + "/" + draft + "/simulations/" + id))
                .body("latestSimulation.status", equalTo("DONE"))
                .body("latestSimulation.sha256", equalTo(draftSha))
                .body("latestSimulation.ofCurrentContent", equalTo(true))
                .body("latestSimulation.coversApproval", equalTo(true))
                .body("latestSimulation.progress.done", equalTo(10))
                .body("latestSimulation.summary.transitions.APPROVED.DECLINED", equalTo(3))
                .body("latestSimulation.summary.changed", equalTo(3))
                .body("latestSimulation.summary", not(hasKey("sample")));

        // once the draft changes, the simulation is of content it no longer has
        Factory.replaceInFile(PRODUCT, draft, GRADING, SCORECARD, SCORECARD + ", threshold 50");
        Auth.as(APPROVER).get(versions(PRODUCT) + "/" + draft).then().statusCode(200)
                .body("latestSimulation.id", equalTo(id))
                .body("latestSimulation.ofCurrentContent", equalTo(false))
                .body("latestSimulation.coversApproval", equalTo(false));
    }

    @Test
    void shouldAskForAnAcknowledgementUnlessASimulationOfTheCurrentContentCoversTheLast30Days() {
        known();
        int version = Factory.draftFrom(PRODUCT, 1).getInt("version");
        String path = versions(PRODUCT) + "/" + version;
        Auth.as(MANAGER).get(path).then().statusCode(200).body("latestSimulation", nullValue());
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(path + "/submit").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));

        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(path + "/approve").then().statusCode(422)
                .body("detail", containsString("no simulation covers version " + version))
                .body("errors[0].field", equalTo("acknowledgeNoSimulation"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body(Map.of("acknowledgeNoSimulation", false))
                .post(path + "/approve").then().statusCode(422).body("errors[0].field", equalTo("acknowledgeNoSimulation"));

        // 29 days up to today, or 30 days up to yesterday: neither covers
        JsonPath short29 = Factory.simulate(APPROVER, PRODUCT, version,
                "{\"from\":\"" + TODAY.minusDays(28) + "\"}", DEADLINE);
        assertEquals("DONE", short29.getString("status"));
        assertEquals(10, short29.getInt("report.total"));
        JsonPath untilYesterday = Factory.simulate(APPROVER, PRODUCT, version,
                "{\"from\":\"" + TODAY.minusDays(30) + "\",\"to\":\"" + TODAY.minusDays(1) + "\"}", DEADLINE);
        assertEquals("DONE", untilYesterday.getString("status"));
        assertEquals(0, untilYesterday.getInt("report.total"));
        Auth.as(APPROVER).get(path).then().body("latestSimulation.id", equalTo(untilYesterday.getString("id")))
                .body("latestSimulation.coversApproval", equalTo(false));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(path + "/approve").then().statusCode(422);

        // exactly the 30 days up to today: covers; an unchanged copy changes nothing
        JsonPath thirty = Factory.simulate(MANAGER, PRODUCT, version, "{\"from\":\"" + TODAY.minusDays(29) + "\"}",
                DEADLINE);
        assertEquals("DONE", thirty.getString("status"));
        assertEquals(10, thirty.getInt("report.unchanged"));
        assertEquals(0, thirty.getInt("report.changed"));
        assertEquals(List.of(), thirty.getList("report.sample"));
        Auth.as(APPROVER).get(path).then().body("latestSimulation.id", equalTo(thirty.getString("id")))
                .body("latestSimulation.coversApproval", equalTo(true));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\":\"模拟无变化\"}").post(path + "/approve")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        Auth.as(AUDITOR).get(path + "/history").then().statusCode(200)
                .body("find { it.event == 'APPROVED' }.details.simulationId", equalTo(thirty.getString("id")))
                .body("find { it.event == 'APPROVED' }.details", not(hasKey("acknowledgeNoSimulation")))
                .body("find { it.event == 'APPROVED' }.comment", equalTo("模拟无变化"));

        // approved: nothing more to simulate
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(path + "/simulations").then().statusCode(409)
                .body("detail", containsString("APPROVED"));
    }

    @Test
    void shouldApproveWithTheAcknowledgementAndRecordIt() {
        known();
        int version = Factory.draftFrom(PRODUCT, 1).getInt("version");
        String path = versions(PRODUCT) + "/" + version;
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(path + "/submit").then().statusCode(200);
        Auth.as(APPROVER).contentType(ContentType.JSON)
                .body(Map.of("acknowledgeNoSimulation", true, "comment", "紧急修正，未做模拟"))
                .post(path + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"));
        Auth.as(AUDITOR).get(path + "/history").then().statusCode(200)
                .body("find { it.event == 'APPROVED' }.details.acknowledgeNoSimulation", equalTo(true))
                .body("find { it.event == 'APPROVED' }.details", not(hasKey("simulationId")));
    }

    @Test
    void shouldNotLetASimulationOfEarlierContentCoverAVersion() {
        known();
        int version = Factory.draftFrom(PRODUCT, 1).getInt("version");
        String path = versions(PRODUCT) + "/" + version;
        JsonPath simulation = Factory.simulate(MANAGER, PRODUCT, version, "{}", DEADLINE);
        assertEquals("DONE", simulation.getString("status"));
        Factory.replaceInFile(PRODUCT, version, GRADING, SCORECARD, SCORECARD + " (reviewed)");
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(path + "/submit").then().statusCode(200);
        Auth.as(APPROVER).get(path).then().body("latestSimulation.ofCurrentContent", equalTo(false))
                .body("latestSimulation.coversApproval", equalTo(false));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(path + "/approve").then().statusCode(422)
                .body("errors[0].field", equalTo("acknowledgeNoSimulation"));
        // an in-review version is simulated too, and then covered
        JsonPath again = Factory.simulate(APPROVER, PRODUCT, version, "{}", DEADLINE);
        assertEquals("DONE", again.getString("status"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(path + "/approve").then().statusCode(200);
    }

    @Test
    void shouldFailASimulationWhoseVersionWasEditedBeforeItRanAndSaySo() {
        known();
        int version = Factory.draftFrom(PRODUCT, 1).getInt("version");
        String location;
        runner.stop();
        try {
            Response queued = Auth.as(MANAGER).contentType(ContentType.JSON).body("{}")
                    .post(versions(PRODUCT) + "/" + version + "/simulations");
            queued.then().statusCode(202).body("status", equalTo("QUEUED")).body("progress.total", equalTo(10));
            location = versions(PRODUCT) + "/" + version + "/simulations/" + queued.path("id");
            Factory.replaceInFile(PRODUCT, version, GRADING, SCORECARD, SCORECARD + ", edited");
        } finally {
            runner.start();
        }
        JsonPath failed = Factory.awaitFinished(MANAGER, location, DEADLINE);
        assertEquals("FAILED", failed.getString("status"), failed::prettify);
        assertThat(failed.getString("error"), containsString("was edited after this simulation was queued"));
        assertThat(failed.getString("error"), containsString("start a new simulation"));
        assertFalse(failed.getMap("").containsKey("report"));
        Auth.as(MANAGER).get(versions(PRODUCT) + "/" + version).then()
                .body("latestSimulation.status", equalTo("FAILED"))
                .body("latestSimulation.coversApproval", equalTo(false))
                .body("latestSimulation.error", containsString("was edited"));
    }

    @Test
    void shouldRefuseToSimulateAPublishedVersionAVersionThatDoesNotCompileOrABadRange() {
        known();
        String simulations = versions(PRODUCT) + "/1/simulations";
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(simulations).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("PUBLISHED"));

        int broken = Factory.draftFrom(PRODUCT, 1).getInt("version");
        Factory.replaceInFile(PRODUCT, broken, GRADING, "not Grade()", "not Grde()");
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions(PRODUCT) + "/" + broken + "/simulations")
                .then().statusCode(422).body("detail", containsString("does not pass validation"))
                .body("errors[0].field", startsWith(GRADING + ":"))
                .body("errors[0].message", startsWith("COMPILE"));
        int escaping = Factory.draftFrom(PRODUCT, 1).getInt("version");
        Factory.replaceInFile(PRODUCT, escaping, "FUNONG/limit.drl", "insert( new LimitTerms( \"10000\" ) );",
                "insert( new LimitTerms( \"10000\" ) ); System.exit( 1 );");
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(versions(PRODUCT) + "/" + escaping + "/simulations")
                .then().statusCode(422).body("errors[0].field", startsWith("FUNONG/limit.drl:"))
                .body("errors[0].message", startsWith("SANDBOX"));
        for (int refused : List.of(broken, escaping)) {
            Auth.as(MANAGER).get(versions(PRODUCT) + "/" + refused + "/simulations").then().statusCode(200)
                    .body("size()", equalTo(0));
        }

        int draft = Factory.draftFrom(PRODUCT, 1).getInt("version");
        String path = versions(PRODUCT) + "/" + draft + "/simulations";
        Auth.as(MANAGER).contentType(ContentType.JSON)
                .body("{\"from\":\"" + TODAY + "\",\"to\":\"" + TODAY.minusDays(1) + "\"}").post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{\"from\":\"yesterday\"}").post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions(PRODUCT) + "/999/simulations").then()
                .statusCode(404);
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions("NO_SUCH_PRODUCT") + "/1/simulations")
                .then().statusCode(404);
        Auth.as(MANAGER).get(path + "/01JZZZZZZZZZZZZZZZZZZZZZZZ").then().statusCode(404);
        Auth.as(MANAGER).get(versions(PRODUCT) + "/999/simulations").then().statusCode(404);
        Auth.as(MANAGER).get(path).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void shouldLetProductManagersAndApproversSimulateAndAuditorsRead() {
        known();
        String published = versions(PRODUCT) + "/1/simulations";
        // admitted callers are refused on the merits (version 1 is published), so nothing is queued
        AccessMatrix.of("POST " + published, r -> r.contentType(ContentType.JSON).body("{}").post(published))
                .refusesUnauthenticated().forbids(AUDITOR, ADMIN).forbidsChannel().admits(409, MANAGER, APPROVER, LEAD);
        AccessMatrix.of("GET " + published, r -> r.get(published))
                .refusesUnauthenticated().forbids(ADMIN).forbidsChannel().admits(200, MANAGER, APPROVER, LEAD, AUDITOR);
        String one = published + "/01JZZZZZZZZZZZZZZZZZZZZZZZ";
        AccessMatrix.of("GET " + one, r -> r.get(one))
                .refusesUnauthenticated().forbids(ADMIN).forbidsChannel().admits(404, MANAGER, APPROVER, AUDITOR);
    }

    @Test
    void shouldDescribeSimulationsInOpenApi() {
        String simulations = "paths.'/api/v1/products/{code}/versions/{version}/simulations'";
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                // staff HTTP Basic, OIDC bearer and the workspace's session cookie
                .body(simulations + ".post.security.collect { it.keySet() }.flatten()",
                        org.hamcrest.Matchers.containsInAnyOrder("staffBasic", "staffBearer", "staffSession"))
                .body(simulations + ".post.responses.keySet()", hasItems("202", "400", "401", "403", "404", "409", "422"))
                .body(simulations + ".post.description", containsString("nearest rank"))
                .body(simulations + ".get.security.collect { it.keySet() }.flatten()",
                        org.hamcrest.Matchers.containsInAnyOrder("staffBasic", "staffBearer", "staffSession"))
                .body("paths.'/api/v1/products/{code}/versions/{version}/simulations/{id}'.get.responses.'200'",
                        notNullValue())
                .body("components.schemas.SimulationReport.properties.keySet()", hasItems("transitions", "counts",
                        "exposure", "limits", "rates", "reasonCodes", "sample", "ratePerSecond"))
                .body("components.schemas.Approve.properties.keySet()", hasItems("acknowledgeNoSimulation"));
    }

    /**
     * The rate on a few thousand decisions (SIMBULK, a FUNONG copy put straight into the catalog):
     * the ten applicants {@code simulation.rounds} times (300 by default), decided in process, and
     * the same change. The report scales exactly; the rate is logged, not asserted.
     */
    @Test
    void shouldSimulateAFewThousandDecisionsAndReportTheRate() {
        String code = "SIMBULK";
        int rounds = Integer.getInteger("simulation.rounds", 300);
        TestCatalog.publish(code, SeedRuleSets.ruleSet("FUNONG"));
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (Requests request : tenApplicants(code)) decisionService.decideFor(Auth.DEMO_CHANNEL, request.toString());
        }
        long decidedMs = (System.nanoTime() - started) / 1_000_000;
        int draft = thresholdRaisedTo50(code);

        JsonPath simulation = Factory.simulate(APPROVER, code, draft, "{}", Duration.ofMinutes(10));

        assertEquals("DONE", simulation.getString("status"), simulation::prettify);
        int total = 10 * rounds;
        assertEquals(total, simulation.getInt("report.total"));
        assertEquals(Map.of("APPROVED", row(4 * rounds, 0, 3 * rounds, 0), "REFERRED", row(0, rounds, 0, 0),
                "DECLINED", row(0, 0, 2 * rounds, 0)), simulation.getMap("report.transitions"));
        assertEquals(amount("910000.00").multiply(BigDecimal.valueOf(rounds)), simulation.get("report.exposure.before"));
        assertEquals(amount("800000.00").multiply(BigDecimal.valueOf(rounds)), simulation.get("report.exposure.after"));
        assertEquals(amount("113750.00"), simulation.get("report.limits.before.mean"));
        assertEquals(amount("160000.00"), simulation.get("report.limits.after.mean"));
        assertEquals(List.of(Map.of("code", "SCORE_TOO_LOW", "decisions", 3 * rounds)),
                simulation.getList("report.reasonCodes.appearing"));
        assertEquals(Math.min(20, 3 * rounds), simulation.getList("report.sample").size());

        long wallMs = Duration.between(Instant.parse(simulation.getString("startedAt")),
                Instant.parse(simulation.getString("finishedAt"))).toMillis();
        LOG.infof("simulation throughput: %d decisions at %s decisions/s of processing (the job's rate); %d ms from "
                        + "start to report, %.0f decisions/s wall clock; the decisions were made in process in %d ms",
                total, simulation.get("report.ratePerSecond"), wallMs, total * 1000.0 / Math.max(1, wallMs), decidedMs);
    }
}

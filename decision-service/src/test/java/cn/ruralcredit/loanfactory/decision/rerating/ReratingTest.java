package cn.ruralcredit.loanfactory.decision.rerating;

import cn.ruralcredit.loanfactory.decision.api.DecisionService;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.ChineseIdNumber;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 动态调整: a FUNONG product's lines decided under version 1, then version 2 raises two grade
 * thresholds (G4 from a score of 80 to 90, G1 and the decline below it from 35 to 40). Each line's class is worked out by
 * hand from PRODUCTS.md §2.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class ReratingTest {
    private static final String PRODUCT = "RERATE";
    private static final LocalDate DECIDED_ON = LocalDate.of(2025, 11, 21);
    private static final LocalDate RERATED_ON = LocalDate.of(2026, 10, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DecisionService decisions;
    @Inject
    EntityManager em;

    private int sequence;

    private String id(LocalDate birth) {
        String first17 = "150422" + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", ++sequence);
        return first17 + ChineseIdNumber.checkCharacter(first17);
    }

    /** The API.md applicant (score 83: net income 80,000 → 20, net assets 550,000 → 25, no overdue 20, deposit 30,000 → 8, GOOD 10). */
    private Requests applicant(String idNumber, String name) {
        return Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", DECIDED_ON.toString())
                .set("requestId", "rr-" + idNumber + "-" + (++sequence)).set("applicant.idNumber", idNumber).set("applicant.name", name);
    }

    private String decide(Requests r) throws Exception {
        JsonNode d = JSON.readTree(decisions.decideFor(Auth.DEMO_CHANNEL, r.toString()));
        return d.path("decisionId").asText();
    }

    @Test
    void shouldClassifyKnownLinesAfterRaisingFunongThresholdsAndStoreNothingUntilApplied() throws Exception {
        TestCatalog.publishUnoffered(PRODUCT, SeedRuleSets.ruleSet("FUNONG"));
        LocalDate born = LocalDate.of(1975, 11, 2);
        Map<String, String> expected = new LinkedHashMap<>();
        // A: deposit 60,000 → 15: score 90, G4 either way; 80,000 requested
        expected.put(decide(applicant(id(born), "甲").set("applicant.avgDepositBalance12m", 60000)), "UNCHANGED");
        // B: score 83, nothing requested: G4 100,000 → G3 80,000
        expected.put(decide(applicant(id(born), "乙").set("application.requestedAmount", null)), "DOWN");
        // C: score 83, 50,000 requested: 50,000 either way, 5.20 % → 5.80 %
        expected.put(decide(applicant(id(born), "丙").set("application.requestedAmount", 50000)), "RATE_ONLY");
        // D: a declined decision (POOR committee rating) is no line
        decide(applicant(id(born), "丁").set("applicant.committeeRating", "POOR"));
        // E: two decisions of one applicant: only the later (50,000) is the current line
        String e = id(born);
        decide(applicant(e, "戊").set("application.requestedAmount", null));
        expected.put(decide(applicant(e, "戊").set("application.requestedAmount", 50000)), "RATE_ONLY");
        // F: income 60,000 − 40,000 → 10, net assets 50,000 → 8, no overdue 20, no deposit, no rating: 38 → G1 40,000 → declined
        expected.put(decide(applicant(id(born), "己").set("application.requestedAmount", null).set("applicant.annualIncome", 60000)
                .set("applicant.totalAssets", 100000).set("applicant.avgDepositBalance12m", 0).set("applicant.committeeRating", "NONE")), "WITHDRAWN");
        // G: decided on 2023-09-01, valid 36 months: expired on 2026-10-01, no line
        decide(applicant(id(born), "庚").set("asOfDate", "2023-09-01"));
        // H: an agricultural entity scoring 100 with revenue 3,500,000: DIAMOND 1,000,000, REFERRED either way
        expected.put(decide(applicant(id(born), "辛").set("applicant.segment", "AGRI_ENTITY").set("applicant.annualIncome", 200000)
                .set("applicant.avgDepositBalance12m", 60000).set("applicant.annualRevenue", 3500000)
                .set("application.requestedAmount", null).set("application.offeredGuarantees", List.of("MORTGAGE_PROPERTY"))), "UNCHANGED");

        RuleSetSource v1 = SeedRuleSets.ruleSet("FUNONG");
        RuleSetSource v2 = TestCatalog.changed(TestCatalog.changed(TestCatalog.changed(v1, "FUNONG/grading.drl",
                "salience 40\nwhen\n    not Decline()\n    not Grade()\n    accumulate( ScorePart( $p : points ); $score : sum( $p ); $score >= 80 )",
                "salience 40\nwhen\n    not Decline()\n    not Grade()\n    accumulate( ScorePart( $p : points ); $score : sum( $p ); $score >= 90 )"),
                "FUNONG/grading.drl", "$score >= 35 )", "$score >= 40 )"), "FUNONG/grading.drl", "$score < 35 )", "$score < 40 )");
        TestCatalog.publishVersion(PRODUCT, 2, v2);
        long before = decisionsOfProduct();

        var started = Auth.as(Auth.MANAGER).contentType(ContentType.JSON)
                .body(Map.of("version", 2, "asOfDate", RERATED_ON.toString())).post("/api/v1/products/" + PRODUCT + "/re-ratings");
        started.then().statusCode(202).body("status", equalTo("QUEUED")).body("version", equalTo(2));
        String id = started.path("id");
        String path = "/api/v1/products/" + PRODUCT + "/re-ratings/" + id;
        assertEquals(path, started.header("Location"));
        JsonPath done = Factory.awaitFinished(Auth.MANAGER, path, Duration.ofMinutes(2));
        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(6, done.getInt("summary.lines"));
        assertEquals(Map.of("UP", 0, "DOWN", 1, "UNCHANGED", 2, "RATE_ONLY", 2, "WITHDRAWN", 1, "ERROR", 0),
                done.getMap("summary.byChange"));
        assertEquals(0, new BigDecimal("1320000").compareTo(done.getObject("summary.exposureBefore", BigDecimal.class)));
        assertEquals(0, new BigDecimal("1260000").compareTo(done.getObject("summary.exposureAfter", BigDecimal.class)));

        JsonPath report = Auth.as(Auth.APPROVER).get(path + "/report").then().statusCode(200).extract()
                .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        Map<String, String> actual = new TreeMap<>();
        for (Map<String, Object> line : report.<Map<String, Object>>getList("lines")) actual.put((String) line.get("decisionId"), (String) line.get("change"));
        assertEquals(new TreeMap<>(expected), actual);
        Map<String, Object> withdrawn = report.<Map<String, Object>>getList("lines").stream()
                .filter(l -> "WITHDRAWN".equals(l.get("change"))).findFirst().orElseThrow();
        assertEquals(List.of("SCORE_TOO_LOW"), withdrawn.get("reasonsAfter"));
        String csv = new String(Auth.as(Auth.APPROVER).get(path + "/report?format=csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertEquals(7, csv.lines().count());
        assertTrue(csv.contains(",DOWN,APPROVED,APPROVED,G4,G3,100000.00,80000.00,5.20,5.80,"), csv);
        Auth.as(Auth.APPROVER).get(path + "/report?format=xlsx").then().statusCode(200);
        // an unapplied report stores nothing
        assertEquals(before, decisionsOfProduct());

        // applying is a second person's step: the manager who asked may not, an approver may
        Auth.as(Auth.MANAGER).post(path + "/apply").then().statusCode(403);
        Auth.as(Auth.APPROVER).post(path + "/apply").then().statusCode(202).body("status", equalTo("APPLYING"));
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonPath applied;
        do {
            Thread.sleep(50);
            applied = Auth.as(Auth.APPROVER).get(path).then().statusCode(200).extract().jsonPath();
        } while (!"APPLIED".equals(applied.getString("status")) && !"FAILED".equals(applied.getString("status")) && System.nanoTime() < until);
        assertEquals("APPLIED", applied.getString("status"), applied.prettify());
        assertEquals(before + 6, decisionsOfProduct());
        Auth.as(Auth.APPROVER).post(path + "/apply").then().statusCode(409);

        // each new decision names the decision it revises and reads back like any other
        JsonPath after = Auth.as(Auth.APPROVER).get(path + "/report").then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> line : after.<Map<String, Object>>getList("lines")) {
            String newId = (String) line.get("newDecisionId");
            Auth.as(Auth.AUDITOR).get("/api/v1/decisions/" + newId).then().statusCode(200)
                    .body("revises", equalTo(line.get("decisionId"))).body("ruleSet.version", equalTo(2))
                    .body("asOfDate", equalTo(RERATED_ON.toString())).body("outcome", equalTo(line.get("outcomeAfter")));
            Auth.as(Auth.AUDITOR).post("/api/v1/decisions/" + newId + "/replay").then().statusCode(200).body("match", equalTo(true));
        }
        // the revised decisions are no longer current lines: a new re-rating sees the 5 new lines (the withdrawn one is gone), unchanged
        String second = Auth.as(Auth.APPROVER).contentType(ContentType.JSON).body(Map.of("version", 2, "asOfDate", RERATED_ON.toString()))
                .post("/api/v1/products/" + PRODUCT + "/re-ratings").then().statusCode(202).extract().path("id");
        JsonPath again = Factory.awaitFinished(Auth.APPROVER, "/api/v1/products/" + PRODUCT + "/re-ratings/" + second, Duration.ofMinutes(2));
        assertEquals(5, again.getInt("summary.lines"));
        assertEquals(5, again.getInt("summary.byChange.UNCHANGED"));
    }

    private long decisionsOfProduct() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from decision where product_code = ?1").setParameter(1, PRODUCT).getSingleResult()).longValue());
    }
}

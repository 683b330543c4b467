package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.StoredRows;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * POST /api/v1/decisions/{id}/replay (API.md): the stored request evaluated again with the
 * recorded version, by its sha256, even after that version was retired, and with the recorded
 * LPR; a stored response altered behind the service's back shows up field by field.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class ReplayTest {
    /** A FUNONG copy whose version 2 raises the G4 cap from 100,000 to 150,000. */
    private static final String PRODUCT = "RPLY";
    private static boolean created;

    @BeforeAll
    static void product() {
        if (created) return;
        TestCatalog.publish(PRODUCT, SeedRuleSets.ruleSet(PRODUCT_SOURCE));
        created = true;
    }

    private static final String PRODUCT_SOURCE = "FUNONG";

    private static Requests g4Asking150k() {
        return Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", null)
                .set("application.requestedAmount", 150000);
    }

    private static JsonPath decide(Requests request) {
        return Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath replay(String decisionId) {
        return Auth.as(Auth.AUDITOR).post("/api/v1/decisions/" + decisionId + "/replay").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void shouldReplayADecisionWithItsRetiredVersionAndMatchIt() {
        JsonPath underV1 = decide(g4Asking150k());
        assertEquals(100000, underV1.getInt("creditLimit"));
        TestCatalog.publishVersion(PRODUCT, 2, TestCatalog.changed(SeedRuleSets.ruleSet(PRODUCT_SOURCE),
                "FUNONG/grading.drl", "\"G4\", \"优秀\", \"100000\"", "\"G4\", \"优秀\", \"150000\""));
        Auth.as(Auth.APPROVER).contentType(ContentType.JSON).body(Map.of("comment", "上限调整，停用旧版"))
                .post("/api/v1/products/" + PRODUCT + "/versions/1/retire").then().statusCode(200)
                .body("status", equalTo("RETIRED"));
        JsonPath underV2 = decide(g4Asking150k());
        assertEquals(2, underV2.getInt("ruleSet.version"));
        assertEquals(150000, underV2.getInt("creditLimit"));

        JsonPath replay = replay(underV1.getString("decisionId"));

        assertEquals(true, replay.getBoolean("match"));
        assertEquals(List.of(), replay.getList("differences"));
        assertEquals(1, replay.getInt("ruleSet.version"));
        assertEquals("RETIRED", replay.getString("ruleSet.status"));
        assertEquals(underV1.getString("ruleSet.sha256"), replay.getString("ruleSet.sha256"));
        assertNotEquals(underV2.getString("ruleSet.sha256"), replay.getString("ruleSet.sha256"));
        assertEquals(100000, replay.getInt("replayed.creditLimit"));
        assertEquals(underV1.getString("decisionId"), replay.getString("original.decisionId"));
        assertEquals(underV1.getList("firedRules"), replay.getList("replayed.firedRules"));
        assertEquals(underV1.getList("reasons.code"), replay.getList("replayed.reasons.code"));
        assertEquals(underV1.getDouble("lprPct"), replay.getDouble("lprPct"));
        assertEquals(replay.getString("engineVersion.recorded"), replay.getString("engineVersion.replayed"));
    }

    @Test
    void shouldReplayWithTheRecordedLprNotTheOneInForceNow() {
        JsonPath decided = decide(Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", "2025-11-21"));
        String id = decided.getString("decisionId");
        // the stored decision says it was priced from an LPR of 3.00; the replay must take that, not look it up again
        String original = StoredRows.decisionColumn(id, "lpr_pct");
        try {
            StoredRows.updateDecision(id, "lpr_pct", "2.50");
            JsonPath replay = replay(id);
            assertEquals(2.5, replay.getDouble("lprPct"));
            assertEquals(false, replay.getBoolean("match"));
            assertEquals(List.of("lprPct", "annualRatePct"), replay.getList("differences.field"));
        } finally {
            StoredRows.updateDecision(id, "lpr_pct", original);
        }
        assertEquals(true, replay(id).getBoolean("match"));
    }

    @Test
    void shouldNameTheFieldOfAStoredResponseAlteredBehindTheServicesBack() {
        JsonPath decided = decide(Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", "2025-11-21"));
        String id = decided.getString("decisionId");
        assertEquals(80000, decided.getInt("creditLimit"));
        String stored = StoredRows.decisionColumn(id, "response_json");
        try {
            StoredRows.updateDecision(id, "response_json", stored.replace("\"creditLimit\":80000", "\"creditLimit\":95000"));

            Auth.as(Auth.AUDITOR).post("/api/v1/decisions/" + id + "/replay").then().statusCode(200)
                    .body("match", equalTo(false))
                    .body("differences", hasSize(1))
                    .body("differences[0].field", equalTo("creditLimit"))
                    .body("differences[0].original", equalTo(95000))
                    .body("differences[0].replayed", equalTo(80000))
                    .body("original.creditLimit", equalTo(95000))
                    .body("replayed.creditLimit", equalTo(80000));
        } finally {
            StoredRows.updateDecision(id, "response_json", stored);
        }
        Auth.as(Auth.AUDITOR).post("/api/v1/decisions/" + id + "/replay").then().statusCode(200)
                .body("match", equalTo(true)).body("differences", empty());
    }

    @Test
    void shouldLetOnlyAuditorsReplayAndSayWhenThereIsNoSuchDecision() {
        String id = decide(Requests.apiExample().set("productCode", PRODUCT).set("asOfDate", "2025-11-21"))
                .getString("decisionId");
        Auth.as(Auth.AUDITOR).post("/api/v1/decisions/01JZZZZZZZZZZZZZZZZZZZZZZZ/replay").then().statusCode(404)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().post("/api/v1/decisions/" + id + "/replay").then().statusCode(401);
        Auth.channel().post("/api/v1/decisions/" + id + "/replay").then().statusCode(403);
        for (String staff : List.of(Auth.MANAGER, Auth.APPROVER, Auth.ADMIN)) {
            Auth.as(staff).post("/api/v1/decisions/" + id + "/replay").then().statusCode(403);
        }
    }

    @Test
    void shouldDescribeTheAuditorsEndpointsInOpenApi() {
        io.restassured.RestAssured.given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/decisions/{decisionId}/replay'.post.responses.'200'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/replays'.post.responses.'202'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/replays/{id}'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/replays/{id}/report'.get.responses.'409'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/audit/verify'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/products/{code}/versions/{version}/simulations'.post", org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.ReplayResult.properties.differences", org.hamcrest.Matchers.notNullValue());
    }
}

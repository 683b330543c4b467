package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP contract of POST/GET /api/v1/decisions (API.md), against a real MariaDB. */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class DecisionResourceTest {
    private static final String DECISIONS = "/api/v1/decisions";

    @Inject
    AgroalDataSource dataSource;

    private static ValidatableResponse post(Object body) {
        return Auth.channel().contentType(ContentType.JSON).body(body.toString()).when().post(DECISIONS).then();
    }

    private static long storedWithRequestId(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", requestId));
    }

    @Test
    void shouldReturnTheApiExampleDecision() {
        Requests request = Requests.apiExample();
        post(request)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("decisionId", matchesPattern("[0-9A-HJKMNP-TV-Z]{26}"))
                .body("requestId", equalTo(request.requestId()))
                .body("productCode", equalTo("FUNONG"))
                .body("ruleSet.version", equalTo(1))
                .body("ruleSet.sha256", equalTo(SeedRuleSets.ruleSet("FUNONG").sha256()))
                .body("asOfDate", equalTo("2025-11-21"))
                .body("lprPct", equalTo(3.00f))
                .body("outcome", equalTo("APPROVED"))
                .body("tier.code", equalTo("G4"))
                .body("tier.label", equalTo("优秀"))
                .body("creditLimit", equalTo(80000))
                .body("annualRatePct", equalTo(5.20f))
                .body("guarantee.required", equalTo(false))
                .body("guarantee.acceptableTypes", empty())
                .body("guarantee.securedBy", equalTo("GUARANTOR"))
                .body("approvalLevel", equalTo("BRANCH"))
                .body("validityMonths", equalTo(36))
                .body("reasons.code", contains("LIMIT_CAPPED_BY_REQUEST"))
                .body("reasons[0].message", equalTo("申请金额低于可授信额度"))
                .body("firedRules", hasItem("common: age in range"))
                .body("firedRules", hasItem("FUNONG: grade G4 when the score is at least 80"))
                .body("decidedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void shouldWriteTwoDecimalRatesAsNumbersWhenDecidingAsWhenReadingBack() {
        String decided = Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post(DECISIONS).then().statusCode(200).extract().asString();
        assertEquals(true, decided.contains("\"annualRatePct\":5.20,"), decided);
        assertEquals(true, decided.contains("\"lprPct\":3.00,"), decided);
        String id = io.restassured.path.json.JsonPath.from(decided).getString("decisionId");
        String readBack = Auth.channel().when().get(DECISIONS + "/" + id).then().statusCode(200).extract().asString();
        assertEquals(true, readBack.contains("\"annualRatePct\":5.20,"), readBack);
        assertEquals(true, readBack.contains("\"lprPct\":3.00,"), readBack);
    }

    @Test
    void shouldStoreTheDecisionAndReadItBackWithTheRequestAsEvaluated() {
        Requests request = Requests.apiExample().set("asOfDate", null).set("applicant.name", "  𠮷野家 张三  ");
        String id = post(request).statusCode(200).extract().path("decisionId");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Auth.channel().when().get(DECISIONS + "/" + id).then()
                .statusCode(200)
                .body("decisionId", equalTo(id))
                .body("asOfDate", equalTo(today))
                .body("creditLimit", equalTo(80000))
                .body("lprPct", equalTo(3.00f))
                .body("request.asOfDate", equalTo(today))
                .body("request.requestId", equalTo(request.requestId()))
                .body("request.applicant.name", equalTo("  𠮷野家 张三  "))
                // the channel sent them and holds them: read back, the ID number and phone are masked
                .body("request.applicant.idNumber", equalTo("150422********0041"))
                .body("request.applicant.phone", equalTo("138****8000"))
                .body("request.application.offeredGuarantees", contains("GUARANTOR"));
        assertEquals(1, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldReturnTheStoredDecisionForARepeatedRequest() {
        Requests request = Requests.apiExample();
        String first = post(request).statusCode(200).extract().asString();
        String again = post(request).statusCode(200).extract().asString();
        assertEquals(first, again);
        assertEquals(1, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldTreatTheSameValuesWrittenDifferentlyAsTheSameRequest() {
        Requests request = Requests.apiExample();
        String first = post(request).statusCode(200).extract().path("decisionId");
        String again = post(request.json().toString().replace("\"requestedAmount\":80000", "\"requestedAmount\":80000.00"))
                .statusCode(200).extract().path("decisionId");
        assertEquals(first, again);
    }

    @Test
    void shouldRefuseARequestIdReusedWithAnotherBody() {
        Requests request = Requests.apiExample();
        post(request).statusCode(200);
        post(request.set("application.requestedAmount", 90000))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(request.requestId()));
        assertEquals(1, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldStoreOneDecisionForConcurrentDuplicates() throws Exception {
        Requests request = Requests.apiExample();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = IntStream.range(0, 8).<Callable<String>>mapToObj(i ->
                    () -> post(request).statusCode(200).extract().path("decisionId")).toList();
            Set<String> ids = pool.invokeAll(calls).stream().map(DecisionResourceTest::get).collect(Collectors.toSet());
            assertEquals(1, ids.size(), "every duplicate must get the one stored decision: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, storedWithRequestId(request.requestId()));
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldNotFindAnUnknownProduct() {
        Requests request = Requests.apiExample().set("productCode", "NO_SUCH_CARD");
        post(request).statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("NO_SUCH_CARD"));
        assertEquals(0, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldNotFindAnUnknownDecision() {
        Auth.channel().when().get(DECISIONS + "/01JD2V7N3C4Q8W5T6Y7Z8A9B0C").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseADateWithNoRuleSetInForce() {
        Requests request = Requests.apiExample().set("asOfDate", "2022-12-31");
        post(request).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("no published rule set in force on 2022-12-31"));
        assertEquals(0, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldRefuseADateWithNoLprInForce() {
        Requests request = Requests.apiExample().set("asOfDate", "2023-08-20");
        post(request).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("no LPR in force on 2023-08-20"));
        assertEquals(0, storedWithRequestId(request.requestId()));
    }

    @Test
    void shouldUseTheLprInForceFromItsFirstDay() {
        post(Requests.apiExample().set("asOfDate", "2024-07-21")).statusCode(200)
                .body("lprPct", equalTo(3.45f)).body("annualRatePct", equalTo(5.65f));
        post(Requests.apiExample().set("asOfDate", "2024-07-22")).statusCode(200)
                .body("lprPct", equalTo(3.35f)).body("annualRatePct", equalTo(5.55f));
    }

    @Test
    void shouldAnswer503AndStoreNothingWhenTheDecisionCannotBeWritten() throws Exception {
        Requests request = Requests.apiExample();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("RENAME TABLE decision TO decision_offline");
            try {
                post(request).statusCode(503).contentType("application/problem+json")
                        .body("detail", containsString("no decision was made"))
                        .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
            } finally {
                s.execute("RENAME TABLE decision_offline TO decision");
            }
        }
        assertEquals(0, storedWithRequestId(request.requestId()));
        post(request).statusCode(200).body("outcome", equalTo("APPROVED"));
    }

    @Test
    void shouldReportTheDatabaseInHealth() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void shouldDescribeTheDecisionEndpointsInOpenApi() {
        given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/decisions'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/decisions/{decisionId}'.get", notNullValue())
                .body("paths.'/api/v1/decisions'.post.responses.'422'", notNullValue());
    }

    @Test
    void shouldReferALimitAboveTheBranchAuthority() {
        post(Requests.apiExample()
                .set("applicant.segment", "AGRI_ENTITY")
                .set("applicant.annualRevenue", 3_000_000)
                .set("applicant.avgDepositBalance12m", 50_000)
                .set("application.requestedAmount", null)
                .set("application.offeredGuarantees", List.of("MORTGAGE_PROPERTY")))
                .statusCode(200)
                .body("outcome", equalTo("REFERRED"))
                .body("approvalLevel", equalTo("UNION_COMMITTEE"))
                .body("tier.code", equalTo("DIAMOND"))
                .body("creditLimit", equalTo(1_000_000))
                .body("annualRatePct", equalTo(4.60f))
                .body("guarantee.required", equalTo(true))
                .body("guarantee.acceptableTypes", contains("MORTGAGE_PROPERTY", "GUARANTEE_COMPANY"))
                .body("reasons", empty());
    }

    @Test
    void shouldDeclineWithEveryStageAReasonAndNoTerms() {
        post(Requests.apiExample()
                .set("productCode", "FUSHANG")
                .set("applicant.blacklisted", true))
                .statusCode(200)
                .body("outcome", equalTo("DECLINED"))
                .body("reasons.code", contains("BLACKLISTED", "SEGMENT_NOT_ELIGIBLE", "BUSINESS_TOO_NEW"))
                .body("creditLimit", equalTo(0))
                .body("tier", nullValue())
                .body("annualRatePct", nullValue())
                .body("approvalLevel", nullValue())
                .body("guarantee.required", equalTo(false))
                .body("guarantee.securedBy", nullValue())
                .body("validityMonths", equalTo(24))
                .body("lprPct", equalTo(3.00f));
    }

    @Test
    void shouldDecideEverySeedProduct() {
        record Case(String product, String segment, String tier, int limit) {
        }
        for (Case c : List.of(
                new Case("FUSHANG", "MERCHANT", "S2", 300_000),
                new Case("FUXIN", "SALARIED_SOE", "R0", 100_000),
                new Case("FUMIN", "RESIDENT", "M3", 300_000),
                new Case("XIANGQING", "MIGRANT_WORKER", "X2", 200_000),
                new Case("XSM_CHUANGYE", "NEW_CITIZEN", "STAGE1", 50_000))) {
            post(Requests.apiExample()
                    .set("productCode", c.product())
                    .set("applicant.segment", c.segment())
                    .set("applicant.annualRevenue", 1_000_000)
                    .set("applicant.businessYears", 3)
                    .set("applicant.inMigrantDatabase", true)
                    .set("applicant.workingAwayYears", 5)
                    .set("applicant.socialSecurityMonths", 6)
                    .set("applicant.hukou.local", false)
                    .set("application.purpose", "BUSINESS")
                    .set("application.requestedAmount", null)
                    .set("application.offeredGuarantees", List.of()))
                    .statusCode(200)
                    .body("productCode", equalTo(c.product()))
                    .body("tier.code", equalTo(c.tier()))
                    .body("creditLimit", equalTo(c.limit()))
                    .body("outcome", equalTo("APPROVED"));
        }
    }
}

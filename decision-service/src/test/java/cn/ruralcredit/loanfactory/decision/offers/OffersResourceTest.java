package cn.ruralcredit.loanfactory.decision.offers;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Product matching (一选多, API.md POST /api/v1/offers). */
@QuarkusTest
class OffersResourceTest {

    private static ValidatableResponse post(Requests request) {
        return Auth.channel().contentType(ContentType.JSON).body(request.toString()).when().post("/api/v1/offers").then();
    }

    private static Requests migrantWorker() {
        return Requests.apiExample()
                .set("productCode", null)
                .set("requestId", null)
                .set("applicant.segment", "MIGRANT_WORKER")
                .set("applicant.inMigrantDatabase", true)
                .set("applicant.workingAwayYears", 6)
                .set("applicant.socialSecurityMonths", 30)
                .set("applicant.avgDepositBalance12m", 8000)
                .set("applicant.hukou.local", false)
                .set("application.purpose", "BUSINESS")
                .set("application.requestedAmount", null);
    }

    private static long decisionsStored() {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count());
    }

    @Test
    void shouldWriteTwoDecimalRatesAsNumbers() {
        String body = post(migrantWorker()).statusCode(200).extract().asString();
        assertEquals(true, body.contains("\"lprPct\":3.00,"), body);
        assertEquals(true, body.contains("\"annualRatePct\":5.85,"), body);
        assertEquals(true, body.contains("\"annualRatePct\":7.00,"), body);
    }

    @Test
    void shouldRankEveryProductOfTheSegmentByLimitAndStoreNothing() {
        long before = decisionsStored();
        post(migrantWorker())
                .statusCode(200)
                .body("asOfDate", equalTo("2025-11-21"))
                .body("lprPct", equalTo(3.00f))
                .body("offers.productCode", contains("XIANGQING", "XSM_CHUANGYE"))
                .body("offers[0].productName", equalTo("乡情贷"))
                .body("offers[0].tier.code", equalTo("X3"))
                .body("offers[0].creditLimit", equalTo(300_000))
                .body("offers[0].annualRatePct", equalTo(5.85f))
                .body("offers[0].guarantee.required", equalTo(false))
                .body("offers[1].tier.code", equalTo("STAGE1"))
                .body("offers[1].creditLimit", equalTo(50_000))
                .body("offers[1].annualRatePct", equalTo(7.00f));
        assertEquals(before, decisionsStored());
    }

    @Test
    void shouldRankEqualLimitsByTheLowerRate() {
        post(migrantWorker()
                .set("applicant.socialSecurityMonths", 0)
                .set("applicant.workingAwayYears", 1)
                .set("applicant.avgDepositBalance12m", 0)
                .set("applicant.offlineVerified", true)
                .set("applicant.relationshipMonths", 12)
                .set("application.requestedAmount", 30_000))
                .statusCode(200)
                .body("offers.productCode", contains("XSM_CHUANGYE", "XIANGQING"))
                .body("offers.creditLimit", contains(30_000, 30_000))
                .body("offers.annualRatePct", contains(5.60f, 8.45f));
    }

    @Test
    void shouldLeaveOutProductsThatDecline() {
        post(migrantWorker().set("application.purpose", "CONSUMPTION"))
                .statusCode(200)
                .body("offers.productCode", contains("XIANGQING"));
        post(migrantWorker().set("applicant.blacklisted", true))
                .statusCode(200)
                .body("offers", empty());
    }

    @Test
    void shouldOfferOnlyProductsServingTheApplicantsSegment() {
        post(Requests.apiExample().set("productCode", "FUSHANG"))
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.notNullValue())
                .body("offers.productCode", contains("FUNONG"))
                .body("offers[0].creditLimit", equalTo(80_000));
    }

    @Test
    void shouldValidateTheApplicantLikeADecision() {
        post(migrantWorker().set("applicant.segment", null).set("requestId", "bad id"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("requestId", "applicant.segment"));
    }

    @Test
    void shouldRefuseADateWithoutLpr() {
        post(migrantWorker().set("asOfDate", "2023-08-20")).statusCode(422);
    }

    @Test
    void shouldGiveTheOffersTheReadmeTourQuotes() throws java.io.IOException {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "tour", "offers-migrant-worker.json"));
        Auth.channel().contentType(ContentType.JSON).body(body).when().post("/api/v1/offers").then()
                .statusCode(200)
                .body("offers.productCode", contains("XIANGQING", "XSM_CHUANGYE"))
                .body("offers.creditLimit", contains(300_000, 50_000))
                .body("offers.annualRatePct", contains(5.85f, 7.00f));
    }
}

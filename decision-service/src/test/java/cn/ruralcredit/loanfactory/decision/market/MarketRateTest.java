package cn.ruralcredit.loanfactory.decision.market;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The LPR history: listed to staff, extended by admins, and used (and recorded) by the decisions made after. */
@QuarkusTest
class MarketRateTest {
    private static final String RATES = "/api/v1/market-rates";

    private static ValidatableResponse add(String json) {
        return Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(json).when().post(RATES).then();
    }

    private static ValidatableResponse decide(String asOfDate) {
        return Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().set("asOfDate", asOfDate).toString())
                .when().post("/api/v1/decisions").then().statusCode(200);
    }

    @Test
    void shouldListTheSeededLprHistory() {
        Auth.as(Auth.AUDITOR).when().get(RATES).then()
                .statusCode(200)
                .body("findAll { it.rateType == 'LPR_1Y' }.effectiveFrom", hasItems("2023-08-21", "2024-07-22", "2024-10-21", "2025-05-20"))
                .body("find { it.effectiveFrom == '2024-10-21' }.ratePct", equalTo(3.10f))
                .body("find { it.effectiveFrom == '2024-10-21' }.createdBy", equalTo("seed"));
    }

    @Test
    void shouldPriceDecisionsFromTheNewLprOnItsFirstDayAndRecordIt() {
        String before = decide("2031-03-01").body("lprPct", equalTo(3.00f)).body("annualRatePct", equalTo(5.20f))
                .extract().path("decisionId");

        add("{\"effectiveFrom\": \"2031-03-01\", \"ratePct\": 2.80}")
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("rateType", equalTo("LPR_1Y"))
                .body("effectiveFrom", equalTo("2031-03-01"))
                .body("ratePct", equalTo(2.80f))
                .body("createdBy", equalTo(Auth.ADMIN));

        decide("2031-02-28").body("lprPct", equalTo(3.00f)).body("annualRatePct", equalTo(5.20f));
        decide("2031-03-01").body("lprPct", equalTo(2.80f)).body("annualRatePct", equalTo(5.00f));
        decide("2031-06-30").body("lprPct", equalTo(2.80f)).body("annualRatePct", equalTo(5.00f));
        // a decision made before the entry keeps the LPR it used
        Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions/" + before).then()
                .statusCode(200).body("lprPct", equalTo(3.00f)).body("annualRatePct", equalTo(5.20f));
    }

    @Test
    void shouldRefuseASecondRateForTheSameDate() {
        add("{\"rateType\": \"LPR_1Y\", \"effectiveFrom\": \"2032-01-20\", \"ratePct\": 3.05}").statusCode(201);
        add("{\"rateType\": \"LPR_1Y\", \"effectiveFrom\": \"2032-01-20\", \"ratePct\": 3.15}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("2032-01-20"));
    }

    @Test
    void shouldRefuseARateTakingEffectBeforeToday() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String before = decide(today.minusDays(1).toString()).extract().path("lprPct").toString();
        for (String day : java.util.List.of(today.minusDays(1).toString(), "2025-05-20", "2019-08-20")) {
            add("{\"effectiveFrom\": \"" + day + "\", \"ratePct\": 1.11}")
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("status", equalTo(422))
                    .body("errors[0].field", equalTo("effectiveFrom"))
                    .body("errors[0].message", containsString(today.toString()))
                    .body("errors.size()", equalTo(1));
        }
        // nothing changed for decisions with an old asOfDate
        decide(today.minusDays(1).toString()).body("lprPct", equalTo(Float.valueOf(before)));
        Auth.as(Auth.AUDITOR).when().get(RATES).then().statusCode(200).body("ratePct", not(hasItem(1.11f)));
    }

    static Stream<Arguments> invalidRates() {
        return Stream.of(
                arguments("{\"effectiveFrom\": \"2033-01-20\", \"ratePct\": 0}", "ratePct"),
                arguments("{\"effectiveFrom\": \"2033-01-20\", \"ratePct\": -1.5}", "ratePct"),
                arguments("{\"effectiveFrom\": \"2033-01-20\", \"ratePct\": 100}", "ratePct"),
                arguments("{\"effectiveFrom\": \"2033-01-20\", \"ratePct\": 3.125}", "ratePct"),
                arguments("{\"effectiveFrom\": \"2033-01-20\"}", "ratePct"),
                arguments("{\"effectiveFrom\": \"2033-01-20\", \"ratePct\": \"three\"}", "ratePct"),
                arguments("{\"ratePct\": 3.00}", "effectiveFrom"),
                arguments("{\"effectiveFrom\": \"2033-02-30\", \"ratePct\": 3.00}", "effectiveFrom"),
                arguments("{\"effectiveFrom\": \"20330120\", \"ratePct\": 3.00}", "effectiveFrom"),
                arguments("{\"rateType\": \"LPR_5Y\", \"effectiveFrom\": \"2033-01-20\", \"ratePct\": 3.50}", "rateType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRates")
    void shouldRefuseAnInvalidRateAndNameTheField(String json, String field) {
        add(json)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(field))
                .body("errors.size()", equalTo(1));
    }

    @Test
    void shouldAcceptTrailingZerosBeyondTwoDecimals() {
        add("{\"effectiveFrom\": \"2034-01-20\", \"ratePct\": 2.900}").statusCode(201).body("ratePct", equalTo(2.90f));
    }
}

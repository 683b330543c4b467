package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Request validation (PRODUCTS.md 1.2): a 400 naming the field, and nothing evaluated or stored. */
@QuarkusTest
class DecisionValidationTest {

    private static ValidatableResponse post(String body) {
        return Auth.channel().contentType(ContentType.JSON).body(body).when().post("/api/v1/decisions").then();
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                arguments("requestId", "has spaces"),
                arguments("requestId", "x".repeat(65)),
                arguments("asOfDate", "2025-02-30"),
                arguments("channel", "c".repeat(33)),
                arguments("applicant.idNumber", "15042219751102004"),
                arguments("applicant.idNumber", "150422197511020042"),
                arguments("applicant.idNumber", "15042219751102004x"),
                arguments("applicant.idNumber", Requests.idNumber(LocalDate.of(2025, 11, 22))),
                arguments("applicant.idNumber", "150422197502300041"),
                arguments("applicant.name", "   "),
                arguments("applicant.name", "张".repeat(51)),
                arguments("applicant.phone", "23800138000"),
                arguments("applicant.phone", "1380013800"),
                arguments("applicant.segment", "PIRATE"),
                arguments("applicant.annualIncome", -1),
                arguments("applicant.annualIncome", new BigDecimal("10000000000.01")),
                arguments("applicant.totalAssets", new BigDecimal("1.005")),
                arguments("applicant.avgDepositBalance12m", "30000"),
                arguments("applicant.eBankingProducts", 1201),
                arguments("applicant.eBankingProducts", new BigDecimal("1.5")),
                arguments("applicant.salaryPaidByUs", "yes"),
                arguments("applicant.adminRank", "GENERAL"),
                arguments("applicant.committeeRating", "EXCELLENT"),
                arguments("applicant.hukou.localSinceYears", -1),
                arguments("applicant.creditHistory.maxOverdueDays24m", 1201),
                arguments("applicant.creditHistory.currentOverdue", 0),
                arguments("application.requestedAmount", 0),
                arguments("application.termMonths", 0),
                arguments("application.termMonths", 61),
                arguments("application.purpose", "GAMBLING"),
                arguments("application.offeredGuarantees", "GUARANTOR"),
                arguments("application.offeredGuarantees[1]", List.of("GUARANTOR", "SPOUSE")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void shouldRefuseAnInvalidFieldAndNameIt(String field, Object value) {
        String path = field.replaceAll("\\[\\d+]$", "");
        Requests request = Requests.apiExample().set(path, value);
        post(request.toString())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field));
        long stored = QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", request.requestId()));
        assertEquals(0, stored);
    }

    @Test
    void shouldNameEveryMissingRequiredField() {
        post("{\"applicant\": {}, \"application\": {}}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("requestId", "productCode", "applicant.idNumber",
                        "applicant.name", "applicant.segment", "application.termMonths"));
    }

    @Test
    void shouldNameMissingApplicantAndApplication() {
        post("{\"requestId\": \"r-1\", \"productCode\": \"FUNONG\"}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("applicant", "application"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        post("{\"requestId\": \"r-2\", ").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("$"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("malformed JSON"));
    }

    @Test
    void shouldRefuseABodyThatIsNotAnObject() {
        post("[1, 2]").statusCode(400).body("errors[0].field", equalTo("$"));
    }

    @Test
    void shouldAcceptABirthdayOnTheEvaluationDateAndIgnoreUnknownFields() {
        post(Requests.apiExample().born(LocalDate.of(2007, 11, 21)).set("applicant.favouriteColour", "red").toString())
                .statusCode(200)
                .body("outcome", equalTo("APPROVED"));
    }

    @Test
    void shouldDeclineAMinorRatherThanRefuseTheRequest() {
        post(Requests.apiExample().born(LocalDate.of(2007, 11, 22)).toString())
                .statusCode(200)
                .body("outcome", equalTo("DECLINED"))
                .body("reasons.code", hasItem("AGE_OUT_OF_RANGE"));
    }
}

package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A version published with a future effectiveFrom changes nothing before that date: decisions
 * with an earlier asOfDate (today's included) keep the version in force, those on or after the
 * date use the new one.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class FutureDatedPublishTest {
    private static final String CODE = "FUTURE_CARD";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate FROM = TODAY.plusDays(30);

    private static ValidatableResponse decide(LocalDate asOfDate) {
        Requests request = Requests.apiExample().set("productCode", CODE).set("application.requestedAmount", 150000)
                .set("asOfDate", asOfDate == null ? null : asOfDate.toString());
        return Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions").then()
                .statusCode(200);
    }

    @Test
    void shouldChangeOnlyDecisionsOnOrAfterTheEffectiveDate() {
        Factory.productCopiedFrom(CODE, "FUNONG", 1);
        Factory.submitApprovePublish(CODE, 1, TODAY);
        int v2 = Factory.draftFrom(CODE, 1).getInt("version");
        Factory.replaceInFile(CODE, v2, "FUNONG/grading.drl", "insert( new Grade( \"G4\", \"优秀\", \"100000\" ) );",
                "insert( new Grade( \"G4\", \"优秀\", \"150000\" ) );");
        Factory.acceptNewResults(CODE, v2);
        Factory.submitApprovePublish(CODE, v2, FROM);

        Auth.as(Auth.AUDITOR).get("/api/v1/products/" + CODE).then().statusCode(200)
                .body("inForce.version", equalTo(1))
                .body("scheduled[0].version", equalTo(v2))
                .body("scheduled[0].effectiveFrom", equalTo(FROM.toString()));

        decide(null).body("asOfDate", equalTo(TODAY.toString())).body("ruleSet.version", equalTo(1))
                .body("creditLimit", equalTo(100000));
        decide(FROM.minusDays(1)).body("ruleSet.version", equalTo(1)).body("creditLimit", equalTo(100000));
        decide(FROM).body("ruleSet.version", equalTo(v2)).body("creditLimit", equalTo(150000))
                .body("guarantee.securedBy", equalTo("GUARANTOR"));
        decide(FROM.plusDays(400)).body("ruleSet.version", equalTo(v2)).body("creditLimit", equalTo(150000));
        // before version 1 took effect there was nothing in force
        Requests early = Requests.apiExample().set("productCode", CODE).set("asOfDate", TODAY.minusDays(1).toString());
        Auth.channel().contentType(ContentType.JSON).body(early.toString()).post("/api/v1/decisions").then()
                .statusCode(422).body("errors", nullValue());
    }
}

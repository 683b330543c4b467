package cn.ruralcredit.loanfactory.decision.trial;

import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Staff try decisions and offers (the workspace's 试算): the channel's answer, nothing stored. */
@QuarkusTest
class TrialTest {

    @Test
    void shouldAnswerAsTheChannelWouldAndStoreNothing() {
        Requests request = Requests.apiExample();
        String requestId = request.json().get("requestId").asText();
        JsonPath trial = Auth.as(MANAGER).contentType(ContentType.JSON).body(request.toString())
                .post("/api/v1/trials/decisions")
                .then().statusCode(200)
                .body("stored", equalTo(false))
                .body("decisionId", nullValue())
                .body("outcome", equalTo("APPROVED"))
                .body("tier.code", equalTo("G4"))
                .body("creditLimit", equalTo(80000))
                .body("annualRatePct", equalTo(5.20f))
                .body("lprPct", equalTo(3.00f))
                .body("reasons.code", contains("LIMIT_CAPPED_BY_REQUEST"))
                .body("reasons.message", contains("申请金额低于可授信额度"))
                .extract().jsonPath();
        assertEquals(0, StoredRows.decisionsWithRequestId(requestId), "a trial stores no decision");

        JsonPath channel = Auth.channel().contentType(ContentType.JSON).body(request.toString())
                .post("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
        for (String field : List.of("outcome", "tier.code", "creditLimit", "annualRatePct", "guarantee", "approvalLevel",
                "validityMonths", "reasons", "firedRules", "ruleSet", "lprPct", "asOfDate")) {
            assertEquals(channel.<Object>get(field), trial.<Object>get(field), field);
        }
    }

    @Test
    void shouldGroupTheFiredRulesByStageInTheOrderTheStagesRun() {
        JsonPath trial = Auth.as(APPROVER).contentType(ContentType.JSON).body(Requests.apiExample().set("requestId", null).toString())
                .post("/api/v1/trials/decisions")
                .then().statusCode(200)
                .body("requestId", equalTo(TrialService.TRIAL_REQUEST_ID))
                .body("firedRulesByStage.find { it.stage == 'grading' }.rules", hasItem(org.hamcrest.Matchers.startsWith("FUNONG: grade G4")))
                .extract().jsonPath();
        List<String> stages = trial.getList("firedRulesByStage.stage");
        assertEquals(stages.stream().sorted(java.util.Comparator.comparingInt(cn.ruralcredit.loanfactory.rules.engine.Stages.ORDER::indexOf)).toList(),
                stages, "stages in the order they run");
        List<String> grouped = trial.getList("firedRulesByStage.rules.flatten()");
        assertEquals(trial.getList("firedRules").stream().sorted().toList(), grouped.stream().sorted().toList(),
                "every fired rule in exactly one stage");
    }

    @Test
    void shouldRefuseABadRequestNamingTheField() {
        Auth.as(AUDITOR).contentType(ContentType.JSON).body(Requests.apiExample().set("applicant.segment", "ALIEN").toString())
                .post("/api/v1/trials/decisions")
                .then().statusCode(400)
                .body("errors.field", hasItem("applicant.segment"));
    }

    @Test
    void shouldTryTheOffersWithoutStoringThem() {
        Requests request = Requests.apiExample().set("productCode", null);
        JsonPath trial = Auth.as(MANAGER).contentType(ContentType.JSON).body(request.toString())
                .post("/api/v1/trials/offers")
                .then().statusCode(200)
                .body("stored", equalTo(false))
                .body("offers.productCode", hasItem("FUNONG"))
                .body("offers.find { it.productCode == 'FUNONG' }.creditLimit", equalTo(80000))
                .extract().jsonPath();
        // the channel's offers for the same applicant, in the same order (other tests add products)
        JsonPath channel = Auth.channel().contentType(ContentType.JSON).body(request.toString())
                .post("/api/v1/offers").then().statusCode(200).extract().jsonPath();
        assertEquals(channel.<Object>getList("offers"), trial.<Object>getList("offers"));
    }

    @Test
    void onlyStaffWhoWorkOnProductsMayTry() {
        AccessMatrix.of("POST /api/v1/trials/decisions", r -> r.contentType(ContentType.JSON)
                        .body(Requests.apiExample().toString()).post("/api/v1/trials/decisions"))
                .refusesUnauthenticated()
                .forbids(ADMIN)
                .forbidsChannel()
                .admits(200, MANAGER, APPROVER, AUDITOR);
    }
}

package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.TestKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A requestId is one channel's idempotency key, and a decision is readable only by its channel and by auditors. */
@QuarkusTest
class ChannelIsolationTest {
    private static final String OTHER_CHANNEL = "BRANCH_TABLET";
    private static String otherKey;

    /** A second channel app; its key is issued at first use, once the service is up. */
    private static synchronized RequestSpecification otherChannel() {
        if (otherKey == null) otherKey = TestKeys.issue(OTHER_CHANNEL).key();
        return given().header("X-Api-Key", otherKey);
    }

    private static ValidatableResponse decide(RequestSpecification as, Requests request) {
        return as.contentType(ContentType.JSON).body(request.toString()).when().post("/api/v1/decisions").then();
    }

    private static List<String> channelsStoredFor(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> Decision.<Decision>list("requestId = ?1 order by channel", requestId)
                .stream().map(d -> d.channel).toList());
    }

    @Test
    void shouldLetTwoChannelsUseTheSameRequestIdIndependently() {
        Requests request = Requests.apiExample();
        String mine = decide(Auth.channel(), request).statusCode(200).extract().path("decisionId");
        // another body under the same requestId: a 409 within one channel, a new decision for another
        String theirs = decide(otherChannel(), request.set("application.requestedAmount", 50_000))
                .statusCode(200).body("creditLimit", equalTo(50_000)).extract().path("decisionId");
        assertNotEquals(mine, theirs);
        decide(otherChannel(), request).statusCode(200).body("decisionId", equalTo(theirs));
        decide(Auth.channel(), request).statusCode(409);
        assertEquals(List.of(OTHER_CHANNEL, Auth.DEMO_CHANNEL), channelsStoredFor(request.requestId()));
    }

    @Test
    void shouldNotShowAChannelAnotherChannelsDecision() {
        String id = decide(Auth.channel(), Requests.apiExample()).statusCode(200).extract().path("decisionId");
        otherChannel().when().get("/api/v1/decisions/" + id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no decision " + id));
        Auth.channel().when().get("/api/v1/decisions/" + id).then().statusCode(200).body("decisionId", equalTo(id));
        Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200).body("decisionId", equalTo(id));
    }

    @Test
    void shouldRecordTheAuthenticatedChannelAndKeepTheBodysChannelInTheRequest() {
        Requests request = Requests.apiExample().set("channel", "WECHAT_MINI");
        String id = decide(otherChannel(), request).statusCode(200).extract().path("decisionId");
        assertEquals(List.of(OTHER_CHANNEL), channelsStoredFor(request.requestId()));
        Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions/" + id).then()
                .statusCode(200)
                .body("request.channel", equalTo("WECHAT_MINI"));
    }
}

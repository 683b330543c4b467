package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Each channel key has an allowance of requests (a token bucket). The test profile gives channel
 * THROTTLED_APP 3 at once and one every 2 s, and every other key more than the suite uses.
 */
@QuarkusTest
class ChannelRateLimitTest {
    private static final String UNKNOWN_DECISION = "/api/v1/decisions/01JD3B6ZKX0QW6M2R4N8T5V7Y9";

    private static String issueKey(String channel) {
        return Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("channel", channel))
                .when().post("/api/v1/admin/channel-keys").then().statusCode(201).extract().path("key");
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAKeyHasUsedItsAllowance() throws InterruptedException {
        String key = issueKey("THROTTLED_APP");
        for (int i = 0; i < 3; i++) {
            given().header("X-Api-Key", key).when().get(UNKNOWN_DECISION).then().statusCode(404);
        }
        String retryAfter = given().header("X-Api-Key", key).when().get(UNKNOWN_DECISION).then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"))
                .body("detail", containsString("allowance"))
                .header("Retry-After", equalTo("2"))
                .extract().header("Retry-After");
        // another channel's key, and another key of the same channel, have their own allowance
        Auth.channel().when().get(UNKNOWN_DECISION).then().statusCode(404);
        given().header("X-Api-Key", issueKey("THROTTLED_APP")).when().get(UNKNOWN_DECISION).then().statusCode(404);
        Thread.sleep(Long.parseLong(retryAfter) * 1000 + 100);
        given().header("X-Api-Key", key).when().get(UNKNOWN_DECISION).then().statusCode(404);
    }

    @Test
    void shouldCountOnlyAuthenticatedKeys() {
        // an unknown key is a 401 however often it is tried: there is no allowance to use up
        for (int i = 0; i < 5; i++) {
            given().header("X-Api-Key", "lf-never-issued-THROTTLED_APP-000000").when().get(UNKNOWN_DECISION).then().statusCode(401);
        }
    }
}

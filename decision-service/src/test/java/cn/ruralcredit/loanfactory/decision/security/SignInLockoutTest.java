package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Failed staff sign-ins lock the username after 5 (a 429 with Retry-After, bcrypt not run) until
 * the lock-out ends or an admin lifts it. The per-address lock is tested on SignInLimits itself:
 * every test signs in from 127.0.0.1, so the test profile sets that limit out of reach.
 */
@QuarkusTest
class SignInLockoutTest {
    private static final String LOCKOUTS = "/api/v1/admin/sign-in-lockouts";
    private static final String PASSWORD = "correct horse battery";

    private static String newUser() {
        String username = "locked.user." + System.nanoTime() % 1_000_000;
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", List.of("AUDITOR")))
                .when().post("/api/v1/admin/users").then().statusCode(201);
        return username;
    }

    private static ValidatableResponse signIn(String username, String password) {
        return given().auth().preemptive().basic(username, password).when().get("/api/v1/market-rates").then();
    }

    @Test
    void shouldLockAUsernameAfterFiveFailuresUntilAnAdminLiftsIt() {
        String username = newUser();
        for (int i = 0; i < 5; i++) signIn(username, "not the password " + i).statusCode(401);
        // locked: even the right password is refused, without being checked
        signIn(username, PASSWORD)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("detail", containsString("too many failed sign-ins"))
                .header("Retry-After", Integer::parseInt, greaterThan(800));
        Auth.as(Auth.ADMIN).when().get(LOCKOUTS).then().statusCode(200)
                .body("find { it.subject == '" + username + "' }.kind", equalTo("USER"))
                .body("find { it.subject == '" + username + "' }.failures", equalTo(5));
        // other users are not affected
        Auth.as(Auth.AUDITOR).when().get("/api/v1/market-rates").then().statusCode(200);

        Auth.as(Auth.MANAGER).when().delete(LOCKOUTS + "/users/" + username).then().statusCode(403);
        Auth.as(Auth.ADMIN).when().delete(LOCKOUTS + "/users/" + username).then().statusCode(204);
        Auth.as(Auth.ADMIN).when().get(LOCKOUTS).then().statusCode(200).body("subject", not(hasItem(username)));
        signIn(username, PASSWORD).statusCode(200);
        Auth.as(Auth.ADMIN).when().delete(LOCKOUTS + "/users/" + username).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldForgetFailuresAfterASuccessfulSignIn() {
        String username = newUser();
        for (int i = 0; i < 4; i++) signIn(username, "not the password " + i).statusCode(401);
        signIn(username, PASSWORD).statusCode(200);
        for (int i = 0; i < 4; i++) signIn(username, "not the password " + i).statusCode(401);
        signIn(username, PASSWORD).statusCode(200);
    }

    @Test
    void shouldLetOnlyAdminsSeeTheLocks() {
        Auth.as(Auth.AUDITOR).when().get(LOCKOUTS).then().statusCode(403);
        given().when().get(LOCKOUTS).then().statusCode(401);
    }
}

package cn.ruralcredit.loanfactory.decision.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Arrays;
import java.util.function.Function;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may call one endpoint, checked call by call. Reads as the access rule it tests:
 * <pre>{@code
 * AccessMatrix.of("POST /api/v1/offers", r -> r.contentType(JSON).body(body).post("/api/v1/offers"))
 *         .refusesUnauthenticated()
 *         .forbids(Auth.MANAGER, Auth.APPROVER, Auth.LEAD, Auth.AUDITOR, Auth.ADMIN)
 *         .admitsChannel(200);
 * }</pre>
 * The call is made afresh for every caller, so a call that creates something should build a new
 * body each time. 401 and 403 must be problem details with no Java class names; a 401 must carry
 * a {@code WWW-Authenticate} challenge.
 */
public final class AccessMatrix {
    private static final java.util.concurrent.atomic.AtomicInteger UNKNOWN_USERS = new java.util.concurrent.atomic.AtomicInteger();
    private final String endpoint;
    private final Function<RequestSpecification, Response> call;

    private AccessMatrix(String endpoint, Function<RequestSpecification, Response> call) {
        this.endpoint = endpoint;
        this.call = call;
    }

    /** {@code endpoint} names the call in failure messages, e.g. {@code "POST /api/v1/offers"}. */
    public static AccessMatrix of(String endpoint, Function<RequestSpecification, Response> call) {
        return new AccessMatrix(endpoint, call);
    }

    /** 401 without credentials, with a wrong password, an unknown user, an unknown key and a revoked key. */
    public AccessMatrix refusesUnauthenticated() {
        unauthorized(Caller.anonymous());
        unauthorized(Caller.basic("admin with a wrong password", Auth.ADMIN, "demo-" + Auth.ADMIN + "-wrong"));
        // a sign-in that works clears admin's failures: five in a row would lock admin out (SignInLimits)
        Auth.as(Auth.ADMIN).when().get("/api/v1/market-rates").then().statusCode(200);
        // an unknown user never signs in, so each check uses another name for the same reason
        unauthorized(Caller.basic("an unknown user", "nobody-" + UNKNOWN_USERS.incrementAndGet(), "demo-nobody-password"));
        unauthorized(Caller.channelKey("an unknown channel key", "lf-this-key-was-never-issued-0000000000000"));
        unauthorized(Caller.channelKey("a revoked channel key", TestKeys.revoked()));
        return this;
    }

    /** 403 for each demo user named. */
    public AccessMatrix forbids(String... users) {
        Arrays.stream(users).map(Caller::user).forEach(this::forbidden);
        return this;
    }

    /** 403 for the demo channel app. */
    public AccessMatrix forbidsChannel() {
        forbidden(Caller.channel());
        return this;
    }

    /** {@code status} (the endpoint's success) for each demo user named. */
    public AccessMatrix admits(int status, String... users) {
        Arrays.stream(users).map(Caller::user).forEach(c -> expect(c, status));
        return this;
    }

    /** {@code status} for the demo channel app. */
    public AccessMatrix admitsChannel(int status) {
        expect(Caller.channel(), status);
        return this;
    }

    /** The response to {@code caller}, after checking its status. */
    public Response expect(Caller caller, int status) {
        Response response = call.apply(caller.request().get());
        assertEquals(status, response.statusCode(), endpoint + " as " + caller + " answered " + response.asString());
        return response;
    }

    private void unauthorized(Caller caller) {
        Response response = expectProblem(caller, 401, "Unauthorized");
        String challenge = response.header("WWW-Authenticate");
        // auth schemes are case-insensitive (RFC 9110 11.1); Quarkus writes "basic"
        assertThat(endpoint + " as " + caller + ": WWW-Authenticate", challenge, matchesPattern("(?i)basic realm=\".+\""));
    }

    private void forbidden(Caller caller) {
        expectProblem(caller, 403, "Forbidden");
    }

    private Response expectProblem(Caller caller, int status, String title) {
        Response response = expect(caller, status);
        String where = endpoint + " as " + caller;
        assertThat(where + ": content type", response.contentType(), startsWith("application/problem+json"));
        assertThat(where + ": status", response.path("status"), equalTo(status));
        assertThat(where + ": title", response.path("title"), equalTo(title));
        assertThat(where + ": detail", response.path("detail"), not(containsString("Exception")));
        return response;
    }
}

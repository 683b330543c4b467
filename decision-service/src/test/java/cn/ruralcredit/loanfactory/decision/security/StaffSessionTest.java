package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser workspace's staff sessions: sign-in with the same checks as Basic, the HttpOnly
 * SameSite=Strict cookie, roles and the enabled flag read at every request, CSRF and Origin checks
 * on every change, idle and maximum age, sign-out, and no way in for channel keys.
 */
@QuarkusTest
class StaffSessionTest {
    private static final String SESSION = "/api/v1/session";
    private static final String PRODUCTS = "/api/v1/products";
    private static final String V1 = "/api/v1/products/FUNONG/versions/1";
    private static final String PASSWORD = "correct horse battery";

    @Inject
    AgroalDataSource dataSource;

    /** A signed-in session: the cookie's token and the CSRF token the sign-in answered. */
    private record Session(String token, String csrf) {
        RequestSpecification read() {
            return given().cookie(StaffSessions.COOKIE, token);
        }

        RequestSpecification change() {
            return read().header(SessionRoutes.CSRF_HEADER, csrf);
        }
    }

    private static ValidatableResponse signInResponse(String username, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        return given().contentType(ContentType.JSON).body(body).when().post(SESSION).then();
    }

    private static Session signIn(String username, String password) {
        Response response = signInResponse(username, password).statusCode(200).extract().response();
        return new Session(response.getCookie(StaffSessions.COOKIE), response.path("csrfToken"));
    }

    private static Session demo(String user) {
        return signIn(user, "demo-" + user);
    }

    private static String newUser(String... roles) {
        String username = "session.user." + System.nanoTime() % 1_000_000_000L;
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", List.of(roles)))
                .when().post("/api/v1/admin/users").then().statusCode(201);
        return username;
    }

    @Test
    void shouldSetAnHttpOnlySameSiteStrictCookieAndAnswerTheUserAndRoles() {
        Response response = signInResponse(Auth.MANAGER, "demo-manager")
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("username", equalTo("manager"))
                .body("roles", equalTo(List.of("PRODUCT_MANAGER")))
                .body("csrfToken", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("idleTimeoutSeconds", equalTo(1800))
                .extract().response();
        String setCookie = response.header("Set-Cookie");
        assertTrue(setCookie.matches("lf_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), setCookie);
        String token = response.getCookie(StaffSessions.COOKIE);
        assertEquals(StaffSessions.csrfToken(token), response.path("csrfToken"));

        // a reload asks again, and gets the same answer
        given().cookie(StaffSessions.COOKIE, token).when().get(SESSION).then()
                .statusCode(200)
                .body("username", equalTo("manager"))
                .body("roles", equalTo(List.of("PRODUCT_MANAGER")))
                .body("csrfToken", equalTo(response.path("csrfToken")));
        given().when().get(SESSION).then().statusCode(401).contentType("application/problem+json");
        // Basic is not a session: nothing to give the page
        Auth.as(Auth.MANAGER).when().get(SESSION).then().statusCode(401).body("detail", containsString("no staff session"));
    }

    @Test
    void shouldReachAProductManagersEndpointAndBeRefusedAnApproversOne() {
        Session manager = demo(Auth.MANAGER);
        manager.read().when().get(PRODUCTS).then().statusCode(200);
        // an empty product is refused by the resource itself: the session and its CSRF token got it there
        manager.change().contentType(ContentType.JSON).body("{}").when().post(PRODUCTS).then()
                .statusCode(400).body("errors.field", hasItem("code"));
        manager.change().contentType(ContentType.JSON).body("{}").when().post(V1 + "/approve").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("your role does not allow this operation"));
        // the actor of events is the session's user, as with Basic
        Session lead = demo(Auth.LEAD);
        lead.read().when().get(SESSION).then().statusCode(200).body("roles", equalTo(List.of("PRODUCT_MANAGER", "APPROVER")));
    }

    @Test
    void shouldRefuseBadCredentialsAlikeAndCountThemTowardsTheLock() {
        String username = newUser(Roles.AUDITOR);
        String unknown = "nobody." + System.nanoTime() % 1_000_000_000L;
        String wrong = signInResponse(username, "not the password").statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        String nobody = signInResponse(unknown, PASSWORD).statusCode(401).extract().path("detail");
        assertEquals(wrong, nobody);
        Auth.as(Auth.ADMIN).when().post("/api/v1/admin/users/" + username + "/disable").then().statusCode(200);
        assertEquals(wrong, signInResponse(username, PASSWORD).statusCode(401).extract().path("detail"));
        Auth.as(Auth.ADMIN).when().post("/api/v1/admin/users/" + username + "/enable").then().statusCode(200);

        // one wrong password and one disabled sign-in so far: three more lock the username (5 by default)
        signInResponse(username, "not the password either").statusCode(401);
        signInResponse(username, "nor this").statusCode(401);
        signInResponse(username, "nor that").statusCode(401);
        signInResponse(username, PASSWORD)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("too many failed sign-ins"))
                .header("Retry-After", Integer::parseInt, greaterThan(800));
        // the same lock as Basic's
        given().auth().preemptive().basic(username, PASSWORD).when().get("/api/v1/market-rates").then().statusCode(429);
        Auth.as(Auth.ADMIN).when().delete("/api/v1/admin/sign-in-lockouts/users/" + username).then().statusCode(204);
        signIn(username, PASSWORD);
    }

    @Test
    void shouldNameTheMissingField() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x")).when().post(SESSION).then()
                .statusCode(400).body("errors.field", equalTo(List.of("username")));
        given().contentType(ContentType.JSON).body(Map.of("username", "manager")).when().post(SESSION).then()
                .statusCode(400).body("errors.field", equalTo(List.of("password")));
    }

    /** An admin's change that succeeds (201): a market rate far in the future, on a day of its own. */
    private static ValidatableResponse addRate(RequestSpecification as) {
        LocalDate day = LocalDate.of(2300, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 300_000));
        return as.contentType(ContentType.JSON).body(Map.of("effectiveFrom", day.toString(), "ratePct", 2.95))
                .when().post("/api/v1/market-rates").then().log().ifValidationFails();
    }

    @Test
    void shouldRefuseAChangeWithoutTheRightCsrfTokenOrFromAnotherOrigin() {
        Session admin = demo(Auth.ADMIN);
        addRate(admin.read())
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"))
                .body("detail", containsString("X-CSRF-Token"));
        addRate(admin.read().header(SessionRoutes.CSRF_HEADER, demo(Auth.ADMIN).csrf()))
                .statusCode(403).body("detail", containsString("X-CSRF-Token"));
        addRate(admin.change().header("Origin", "https://evil.example"))
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("another origin"));
        addRate(admin.change()).statusCode(201);
        // reads need no token
        admin.read().when().get("/api/v1/market-rates").then().statusCode(200);
        // sign-in needs no token, but its origin is checked
        given().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(Map.of("username", "manager", "password", "demo-manager"))
                .when().post(SESSION).then().statusCode(403).body("detail", containsString("another origin"));
    }

    @Test
    void shouldAcceptTheServicesOwnOrigin() {
        Session admin = demo(Auth.ADMIN);
        // the origin the page was loaded from: the address the tests call the service at
        String origin = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        addRate(admin.change().header("Origin", origin)).statusCode(201);
        given().header("Origin", origin).contentType(ContentType.JSON)
                .body(Map.of("username", "manager", "password", "demo-manager"))
                .when().post(SESSION).then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void shouldEndTheSessionAtSignOut() throws SQLException {
        Session manager = demo(Auth.MANAGER);
        manager.read().when().delete(SESSION).then().statusCode(403).body("detail", containsString("X-CSRF-Token"));
        String cleared = manager.change().when().delete(SESSION).then().statusCode(204).extract().header("Set-Cookie");
        assertTrue(cleared.startsWith("lf_session=;") && cleared.contains("Max-Age=0"), cleared);
        assertFalse(rowExists(manager.token()));
        manager.read().when().get(PRODUCTS).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("sign in again"));
        manager.read().when().get(SESSION).then().statusCode(401);
        // a sign-in with the stale cookie still works
        given().cookie(StaffSessions.COOKIE, manager.token()).contentType(ContentType.JSON)
                .body(Map.of("username", "manager", "password", "demo-manager")).when().post(SESSION).then().statusCode(200);
    }

    @Test
    void shouldEndASessionLeftIdleOrPastItsMaximumAge() throws SQLException {
        Session idle = demo(Auth.AUDITOR);
        idle.read().when().get(SESSION).then().statusCode(200);
        execute("UPDATE staff_session SET last_seen_at = last_seen_at - INTERVAL 31 MINUTE WHERE token_sha256 = ?", idle.token());
        idle.read().when().get(SESSION).then().statusCode(401).body("detail", containsString("sign in again"));
        assertFalse(rowExists(idle.token()), "an expired session is deleted when it is seen");

        Session old = demo(Auth.AUDITOR);
        execute("UPDATE staff_session SET created_at = created_at - INTERVAL 12 HOUR WHERE token_sha256 = ?", old.token());
        old.read().when().get(SESSION).then().statusCode(401);
    }

    @Test
    void shouldRecordActivityAtMostOnceAMinute() throws SQLException {
        Session session = demo(Auth.AUDITOR);
        execute("UPDATE staff_session SET last_seen_at = last_seen_at - INTERVAL 20 SECOND WHERE token_sha256 = ?", session.token());
        String before = lastSeen(session.token());
        session.read().when().get(SESSION).then().statusCode(200);
        assertEquals(before, lastSeen(session.token()), "no write within a minute of the last one");
        execute("UPDATE staff_session SET last_seen_at = last_seen_at - INTERVAL 25 MINUTE WHERE token_sha256 = ?", session.token());
        String stale = lastSeen(session.token());
        session.read().when().get(SESSION).then().statusCode(200);
        assertNotEquals(stale, lastSeen(session.token()));
        // 25 minutes after the old last_seen_at, the session would have ended 5 minutes from then; now it lasts 30 more
        execute("UPDATE staff_session SET last_seen_at = last_seen_at - INTERVAL 29 MINUTE WHERE token_sha256 = ?", session.token());
        session.read().when().get(SESSION).then().statusCode(200);
    }

    @Test
    void shouldStopADisabledUsersSessionAndFollowRoleChangesAtTheNextRequest() {
        String username = newUser(Roles.PRODUCT_MANAGER);
        Session session = signIn(username, PASSWORD);
        session.read().when().get(PRODUCTS).then().statusCode(200);
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of("ADMIN")))
                .when().put("/api/v1/admin/users/" + username + "/roles").then().statusCode(200);
        session.read().when().get(PRODUCTS).then().statusCode(403);
        session.read().when().get(SESSION).then().statusCode(200).body("roles", equalTo(List.of("ADMIN")));
        Auth.as(Auth.ADMIN).when().post("/api/v1/admin/users/" + username + "/disable").then().statusCode(200);
        session.read().when().get(SESSION).then().statusCode(401).contentType("application/problem+json");
        Auth.as(Auth.ADMIN).when().post("/api/v1/admin/users/" + username + "/enable").then().statusCode(200);
        session.read().when().get(SESSION).then().statusCode(401);
    }

    @Test
    void shouldNeverLetAChannelKeyOpenOrUseASession() {
        given().header(ApiKeyAuthenticationMechanism.HEADER, Auth.DEMO_CHANNEL_KEY).contentType(ContentType.JSON)
                .body(Map.of("username", "manager", "password", "demo-manager"))
                .when().post(SESSION).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("channel keys cannot open the staff workspace"))
                .header("Set-Cookie", nullValue());
        Auth.channel().when().get(SESSION).then().statusCode(403).contentType("application/problem+json");
        Session manager = demo(Auth.MANAGER);
        manager.read().header(ApiKeyAuthenticationMechanism.HEADER, Auth.DEMO_CHANNEL_KEY).when().get(SESSION).then()
                .statusCode(401).contentType("application/problem+json").body("detail", containsString("channel key"));
        manager.change().header(ApiKeyAuthenticationMechanism.HEADER, Auth.DEMO_CHANNEL_KEY).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/decisions").then().statusCode(401);
        manager.read().when().get(SESSION).then().statusCode(200);
    }

    @Test
    void shouldNeverStoreTheToken() throws SQLException {
        Session session = demo(Auth.MANAGER);
        List<String> everything = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM staff_session");
             ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) for (int i = 1; i <= columns; i++) everything.add(String.valueOf(rs.getString(i)));
        }
        assertThat(everything, hasItem(sha256Hex(session.token())));
        assertThat(everything.stream().filter(v -> v.contains(session.token()) || v.contains(session.csrf())).toList(),
                equalTo(List.of()));
    }

    @Test
    void shouldLeaveOutTheBasicChallengeForTheWorkspacesOwnCalls() {
        given().header(SessionRoutes.REQUESTED_WITH, SessionRoutes.WORKSPACE).when().get(PRODUCTS).then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", nullValue());
        given().header(SessionRoutes.REQUESTED_WITH, SessionRoutes.WORKSPACE).cookie(StaffSessions.COOKIE, "x".repeat(43))
                .when().get(SESSION).then().statusCode(401).header("WWW-Authenticate", nullValue());
        given().when().get(PRODUCTS).then().statusCode(401).header("WWW-Authenticate", startsWith("basic"));
    }

    @Test
    void shouldSayHowStaffMaySignIn() {
        given().when().get(SESSION + "/options").then().statusCode(200)
                .body("password", equalTo(true)).body("oidc", equalTo(false)).body("oidcSignInPath", nullValue());
        Auth.as(Auth.MANAGER).when().get(SESSION + "/oidc").then().statusCode(404).contentType("application/problem+json");
        Auth.channel().when().get(SESSION + "/oidc").then().statusCode(403);
    }

    private static <T> void assertThat(T actual, org.hamcrest.Matcher<? super T> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }

    private boolean rowExists(String token) throws SQLException {
        return lastSeen(token) != null;
    }

    private String lastSeen(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_seen_at FROM staff_session WHERE token_sha256 = ?")) {
            s.setString(1, sha256Hex(token));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void execute(String sql, String token) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sha256Hex(token));
            assertEquals(1, s.executeUpdate(), sql);
        }
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

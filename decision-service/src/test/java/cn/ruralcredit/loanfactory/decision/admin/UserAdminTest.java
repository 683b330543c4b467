package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Staff users: the demo users of the first start, the admin API, and passwords kept only as bcrypt hashes. */
@QuarkusTest
class UserAdminTest {
    private static final String USERS = "/api/v1/admin/users";
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @Inject
    AgroalDataSource dataSource;

    private static String newUsername() {
        return "user-" + UNIQUE.incrementAndGet() + "." + System.nanoTime() % 100_000;
    }

    private static ValidatableResponse create(Map<String, Object> body) {
        return Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(body).when().post(USERS).then();
    }

    private static Map<String, Object> user(String username, String password, List<String> roles) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("roles", roles);
        return body;
    }

    private static ValidatableResponse marketRatesAs(String username, String password) {
        return given().auth().preemptive().basic(username, password).when().get("/api/v1/market-rates").then();
    }

    private String storedHash(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no app_user row for " + username);
                return rs.getString(1);
            }
        }
    }

    @Test
    void shouldHaveCreatedTheDemoUsersWithTheirRoles() {
        Auth.as(Auth.ADMIN).when().get(USERS).then()
                .statusCode(200)
                .body("find { it.username == 'manager' }.roles", contains(Roles.PRODUCT_MANAGER))
                .body("find { it.username == 'approver' }.roles", contains(Roles.APPROVER))
                .body("find { it.username == 'lead' }.roles", contains(Roles.PRODUCT_MANAGER, Roles.APPROVER))
                .body("find { it.username == 'auditor' }.roles", contains(Roles.AUDITOR))
                .body("find { it.username == 'admin' }.roles", contains(Roles.ADMIN))
                .body("find { it.username == 'admin' }.createdBy", equalTo("demo-data"))
                .body("find { it.username == 'admin' }.enabled", equalTo(true));
    }

    @Test
    void shouldStorePasswordsAsBcryptHashesOnly() throws SQLException {
        for (String demo : List.of(Auth.MANAGER, Auth.APPROVER, Auth.LEAD, Auth.AUDITOR, Auth.ADMIN)) {
            String hash = storedHash(demo);
            assertTrue(hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}"), demo + ": not bcrypt MCF: " + hash);
            assertFalse(hash.contains("demo-" + demo));
        }
        String username = newUsername();
        create(user(username, PASSWORD, List.of(Roles.AUDITOR))).statusCode(201);
        String hash = storedHash(username);
        assertTrue(hash.startsWith("$2"), hash);
        assertFalse(hash.contains(PASSWORD));
    }

    @Test
    void shouldNeverReturnPasswordsOrHashes() {
        String username = newUsername();
        String created = create(user(username, PASSWORD, List.of(Roles.AUDITOR))).statusCode(201).extract().asString();
        String listed = Auth.as(Auth.ADMIN).when().get(USERS).then().statusCode(200).extract().asString();
        for (String body : List.of(created, listed)) {
            assertFalse(body.contains("password"), body);
            assertFalse(body.contains("$2a$"), body);
            assertFalse(body.contains(PASSWORD), body);
        }
    }

    @Test
    void shouldCreateAUserWhoCanLogInWithTheGivenRoles() {
        String username = newUsername();
        create(user(username, PASSWORD, List.of(Roles.ADMIN, Roles.AUDITOR)))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("username", equalTo(username))
                .body("roles", contains(Roles.AUDITOR, Roles.ADMIN))
                .body("enabled", equalTo(true))
                .body("createdBy", equalTo(Auth.ADMIN));
        marketRatesAs(username, PASSWORD).statusCode(200);
        marketRatesAs(username, PASSWORD + "!").statusCode(401);
    }

    @Test
    void shouldRefuseADuplicateUsername() {
        String username = newUsername();
        create(user(username, PASSWORD, List.of(Roles.AUDITOR))).statusCode(201);
        create(user(username, "another long password", List.of(Roles.ADMIN)))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(username));
        create(user(Auth.ADMIN, PASSWORD, List.of(Roles.ADMIN))).statusCode(409);
    }

    static Stream<Arguments> invalidUsers() {
        return Stream.of(
                arguments(user(null, PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("Upper", PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("ab", PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("has space", PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("x".repeat(65), PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("eleven.char", "elevenchars", List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("no.password", null, List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("long.password", "密".repeat(25), List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("long.ascii", "a".repeat(73), List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("spaces.only", " ".repeat(12), List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("mostly.spaces", "a b c d e f g h i j k", List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("nul.byte", "correct horse\u0000battery", List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("line.break", "correct horse\nbattery", List.of(Roles.AUDITOR)), List.of("password")),
                arguments(user("trailing.space ", PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user(" leading.space", PASSWORD, List.of(Roles.AUDITOR)), List.of("username")),
                arguments(user("no.roles", PASSWORD, List.of()), List.of("roles")),
                arguments(user("null.roles", PASSWORD, null), List.of("roles")),
                arguments(user("channel.role", PASSWORD, List.of(Roles.AUDITOR, Roles.CHANNEL)), List.of("roles[1]")),
                arguments(user("Bad Name", "short", List.of("ROOT")), List.of("username", "password", "roles[0]")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidUsers")
    void shouldRefuseAnInvalidUserAndNameTheFields(Map<String, Object> body, List<String> fields) {
        create(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", equalTo(fields));
    }

    @Test
    void shouldSayWhyAPasswordIsRefused() {
        create(user(newUsername(), " ".repeat(12), List.of(Roles.AUDITOR))).statusCode(400)
                .body("errors[0].message", containsString("other than spaces"));
        create(user(newUsername(), "correct horse\u0000battery", List.of(Roles.AUDITOR))).statusCode(400)
                .body("errors[0].message", containsString("control characters"));
        create(user(newUsername(), "a".repeat(73), List.of(Roles.AUDITOR))).statusCode(400)
                .body("errors[0].message", containsString("72 bytes"));
        create(user(" " + newUsername(), PASSWORD, List.of(Roles.AUDITOR))).statusCode(400)
                .body("errors[0].message", containsString("spaces"));
    }

    @Test
    void shouldNotLetAPasswordPastBcryptsSeventyTwoBytesSignIn() {
        String username = newUsername();
        String longest = "p".repeat(60) + "-twelve-more";
        create(user(username, longest, List.of(Roles.AUDITOR))).statusCode(201);
        marketRatesAs(username, longest).statusCode(200);
        // bcrypt compares only the first 72 bytes: these matched the hash before sign-in refused them
        marketRatesAs(username, longest + "x").statusCode(401).contentType("application/problem+json");
        marketRatesAs(username, longest + "anything at all").statusCode(401);
    }

    @Test
    void shouldMatchUsernamesExactly() {
        marketRatesAs(Auth.MANAGER, "demo-manager").statusCode(200);
        marketRatesAs(Auth.MANAGER + "   ", "demo-manager").statusCode(401).contentType("application/problem+json");
        marketRatesAs(Auth.MANAGER + " ", "demo-manager").statusCode(401);
        marketRatesAs(" " + Auth.MANAGER, "demo-manager").statusCode(401);
        marketRatesAs("Manager", "demo-manager").statusCode(401);
        marketRatesAs(Auth.MANAGER, "demo-manager ").statusCode(401);
    }

    @Test
    void shouldRefuseAMalformedOrMistypedBody() {
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body("{\"username\": ").when().post(USERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("$"))
                .body("detail", not(containsString("Exception")));
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body("{\"username\": \"typed.roles\", \"roles\": {\"a\": 1}}")
                .when().post(USERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("roles"));
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).when().post(USERS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("$"));
    }

    @Test
    void shouldApplyNewRolesAtTheNextRequest() {
        String username = newUsername();
        create(user(username, PASSWORD, List.of(Roles.AUDITOR))).statusCode(201);
        given().auth().preemptive().basic(username, PASSWORD).when().get(USERS).then().statusCode(403);
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.ADMIN)))
                .when().put(USERS + "/" + username + "/roles").then()
                .statusCode(200)
                .body("roles", contains(Roles.ADMIN))
                .body("updatedBy", equalTo(Auth.ADMIN));
        given().auth().preemptive().basic(username, PASSWORD).when().get(USERS).then().statusCode(200);
    }

    @Test
    void shouldRefuseUnknownRolesWhenChanging() {
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of("AUDITOR", "GOD")))
                .when().put(USERS + "/" + Auth.AUDITOR + "/roles").then()
                .statusCode(400)
                .body("errors.field", contains("roles[1]"));
    }

    @Test
    void shouldRefuseADisabledUserUntilEnabledAgain() {
        String username = newUsername();
        create(user(username, PASSWORD, List.of(Roles.AUDITOR))).statusCode(201);
        marketRatesAs(username, PASSWORD).statusCode(200);
        Auth.as(Auth.ADMIN).when().post(USERS + "/" + username + "/disable").then()
                .statusCode(200).body("enabled", equalTo(false));
        marketRatesAs(username, PASSWORD).statusCode(401).contentType("application/problem+json");
        Auth.as(Auth.ADMIN).when().post(USERS + "/" + username + "/enable").then()
                .statusCode(200).body("enabled", equalTo(true));
        marketRatesAs(username, PASSWORD).statusCode(200);
    }

    @Test
    void shouldNotLetAnAdminLockThemselvesOut() {
        Auth.as(Auth.ADMIN).when().post(USERS + "/" + Auth.ADMIN + "/disable").then()
                .statusCode(409).body("detail", containsString("own account"));
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.AUDITOR)))
                .when().put(USERS + "/" + Auth.ADMIN + "/roles").then()
                .statusCode(409).body("detail", containsString("own ADMIN role"));
        Auth.as(Auth.ADMIN).when().get(USERS).then().statusCode(200)
                .body("find { it.username == 'admin' }.roles", contains(Roles.ADMIN))
                .body("username", hasItem(Auth.ADMIN));
    }

    @Test
    void shouldNotFindAnUnknownUser() {
        Auth.as(Auth.ADMIN).when().post(USERS + "/nobody-here/disable").then()
                .statusCode(404).contentType("application/problem+json");
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("roles", List.of(Roles.AUDITOR)))
                .when().put(USERS + "/nobody-here/roles").then().statusCode(404);
    }

    @Test
    void shouldDescribeTheAdminEndpointsInOpenApi() {
        given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/admin/users'.post.responses.'409'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/admin/users/{username}/roles'.put", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/admin/channel-keys/{id}/revoke'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/market-rates'.post.responses.'201'", org.hamcrest.Matchers.notNullValue())
                .body("components.securitySchemes.channelKey.name", equalTo("X-Api-Key"))
                .body("components.securitySchemes.staffBasic.scheme", equalTo("basic"))
                .body("components.securitySchemes.keySet()", containsInAnyOrder("channelKey", "staffBasic", "staffBearer", "staffSession"))
                .body("paths.'/api/v1/decisions'.post.security", hasSize(1))
                .body("paths.'/api/v1/decisions/{decisionId}'.get.security", hasSize(4));
    }
}

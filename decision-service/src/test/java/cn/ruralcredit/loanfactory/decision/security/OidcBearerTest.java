package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.OidcTestKeys;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Production's OIDC set-up, turned on by configuration alone: staff present bearer tokens whose
 * realm_access/roles carry their roles, and Basic logins are off. The tokens are signed here and
 * really verified by the service against the configured public key; no Keycloak runs.
 */
@QuarkusTest
@TestProfile(OidcBearerTest.OidcEnabled.class)
class OidcBearerTest {
    private static final String ISSUER = "https://keycloak.test/realms/loanfactory";

    public static class OidcEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", OidcTestKeys.publicKey(),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.http.auth.basic", "false");
        }
    }

    private static String token(PrivateKey key, String user, String... roles) {
        return Jwt.issuer(ISSUER)
                .upn(user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(300)
                .sign(key);
    }

    private static ValidatableResponse get(String path, String token) {
        return given().auth().oauth2(token).when().get(path).then();
    }

    @Test
    void shouldAdmitARoleFromTheTokenAndRefuseAnother() {
        String admin = token(OidcTestKeys.signingKey(), "wang.admin", Roles.ADMIN);
        String auditor = token(OidcTestKeys.signingKey(), "li.auditor", Roles.AUDITOR);
        get("/api/v1/admin/users", admin).statusCode(200);
        get("/api/v1/market-rates", auditor).statusCode(200);
        get("/api/v1/admin/users", auditor)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
    }

    @Test
    void shouldRecordTheTokensUserAsTheAuthor() {
        String admin = token(OidcTestKeys.signingKey(), "wang.admin", Roles.ADMIN);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("channel", "OIDC_TEST"))
                .when().post("/api/v1/admin/channel-keys").then()
                .statusCode(201)
                .body("createdBy", equalTo("wang.admin"));
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() {
        get("/api/v1/market-rates", token(OidcTestKeys.strangersKey(), "mallory", Roles.ADMIN))
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", matchesPattern("(?i)bearer.*"));
    }

    @Test
    void shouldRefuseBasicLoginsWhenOidcIsTheStaffLogin() {
        Auth.as(Auth.ADMIN).when().get("/api/v1/admin/users").then()
                .statusCode(401)
                .header("WWW-Authenticate", matchesPattern("(?i)bearer.*"));
    }

    @Test
    void shouldChallengeForABearerTokenWithoutCredentials() {
        given().when().get("/api/v1/market-rates").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", matchesPattern("(?i)bearer.*"));
    }

    @Test
    void shouldStillDecideForChannelKeys() {
        Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then()
                .statusCode(200)
                .body("outcome", equalTo("APPROVED"));
    }

    /**
     * The end of the OIDC sign-in of the workspace: once the provider has signed the user in (here
     * a bearer token; in production the authorization-code flow, which needs a real provider and is
     * not run here), /api/v1/session/oidc opens a workspace session with the provider's roles and
     * sends the browser to /admin/. Password sign-in is off.
     */
    @Test
    void shouldTurnAProviderSignInIntoAWorkspaceSession() {
        given().when().get("/api/v1/session/options").then().statusCode(200)
                .body("password", equalTo(false)).body("oidc", equalTo(true))
                .body("oidcSignInPath", equalTo("/api/v1/session/oidc"));
        given().contentType(ContentType.JSON).body(Map.of("username", "manager", "password", "demo-manager"))
                .when().post("/api/v1/session").then().statusCode(403);

        String approver = token(OidcTestKeys.signingKey(), "zhao.approver", Roles.APPROVER, "offline_access");
        io.restassured.response.Response redirect = given().auth().oauth2(approver).redirects().follow(false)
                .when().get("/api/v1/session/oidc").then()
                .statusCode(303)
                .header("Location", matchesPattern(".*/admin/$"))
                .extract().response();
        String session = redirect.getCookie(StaffSessions.COOKIE);
        given().cookie(StaffSessions.COOKIE, session).when().get("/api/v1/session").then()
                .statusCode(200)
                .body("username", equalTo("zhao.approver"))
                .body("roles", equalTo(List.of(Roles.APPROVER)));
        given().cookie(StaffSessions.COOKIE, session).when().get("/api/v1/products").then().statusCode(200);
        given().cookie(StaffSessions.COOKIE, session).when().get("/api/v1/admin/users").then().statusCode(403);
    }
}

package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channel keys: issued once, stored as a sha256, working at once, and refused at once when revoked. */
@QuarkusTest
class ChannelKeyAdminTest {
    private static final String KEYS = "/api/v1/admin/channel-keys";

    @Inject
    AgroalDataSource dataSource;

    private static ExtractableResponse<Response> issue(String channel) {
        return Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("channel", channel))
                .when().post(KEYS).then().statusCode(201).extract();
    }

    private static ValidatableResponse decideWith(String key, Requests request) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/decisions").then();
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldIssueALongRandomKeyOnceAndDecideWithIt() {
        ExtractableResponse<Response> issued = issue("CALL_CENTRE");
        String key = issued.path("key");
        assertTrue(key.length() >= 32, key);
        assertEquals(key.substring(0, 11), issued.path("keyPrefix"));
        assertEquals("CALL_CENTRE", issued.path("channel"));
        assertEquals(Auth.ADMIN, issued.path("createdBy"));
        assertFalse(key.equals(issue("CALL_CENTRE").path("key")), "two keys alike");

        Requests request = Requests.apiExample();
        decideWith(key, request).statusCode(200).body("outcome", equalTo("APPROVED"));
        String channel = QuarkusTransaction.requiringNew().call(() ->
                Decision.<Decision>find("requestId", request.requestId()).singleResult().channel);
        assertEquals("CALL_CENTRE", channel);
    }

    @Test
    void shouldStoreOnlyTheSha256AndListOnlyThePrefix() throws Exception {
        ExtractableResponse<Response> issued = issue("KIOSK");
        String key = issued.path("key");
        long id = ((Number) issued.path("id")).longValue();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM channel_key WHERE id = " + id)) {
            assertTrue(rs.next());
            assertEquals(sha256(key), rs.getString("key_sha256"));
            for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                String value = rs.getString(col);
                assertFalse(value != null && value.contains(key), "column " + rs.getMetaData().getColumnName(col) + " holds the key");
            }
        }
        String listed = Auth.as(Auth.ADMIN).when().get(KEYS).then().statusCode(200)
                .body("find { it.id == " + id + " }.keyPrefix", equalTo(key.substring(0, 11)))
                .body("find { it.id == " + id + " }.active", equalTo(true))
                .extract().asString();
        assertFalse(listed.contains(key), "the list shows a whole key");
        assertFalse(listed.contains(sha256(key)), "the list shows a key's hash");
    }

    @Test
    void shouldListTheDemoKey() {
        Auth.as(Auth.ADMIN).when().get(KEYS).then().statusCode(200)
                .body("find { it.channel == 'MOBILE_APP' && it.createdBy == 'demo-data' }.keyPrefix",
                        equalTo(Auth.DEMO_CHANNEL_KEY.substring(0, 11)));
    }

    @Test
    void shouldRefuseARevokedKeyAtOnce() {
        ExtractableResponse<Response> issued = issue("PARTNER_BANK");
        String key = issued.path("key");
        long id = ((Number) issued.path("id")).longValue();
        decideWith(key, Requests.apiExample()).statusCode(200);   // now in the key cache

        Auth.as(Auth.ADMIN).when().post(KEYS + "/" + id + "/revoke").then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("revokedBy", equalTo(Auth.ADMIN))
                .body("revokedAt", notNullValue());
        decideWith(key, Requests.apiExample()).statusCode(401).contentType("application/problem+json");
        // revoking again changes nothing
        Auth.as(Auth.ADMIN).when().post(KEYS + "/" + id + "/revoke").then().statusCode(200).body("active", equalTo(false));
        Auth.as(Auth.ADMIN).when().get(KEYS).then().body("findAll { it.active == false }.id", hasItem((int) id));
    }

    @Test
    void shouldNotFindAnUnknownKey() {
        Auth.as(Auth.ADMIN).when().post(KEYS + "/987654321/revoke").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mobile_app", "1APP", "WITH SPACE", "A_CHANNEL_CODE_LONGER_THAN_32_CHARS"})
    void shouldRefuseAnInvalidChannelCode(String channel) {
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("channel", channel)).when().post(KEYS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel"));
    }

    @Test
    void shouldRefuseAMissingChannelCode() {
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body("{}").when().post(KEYS).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].message", matchesPattern(".*upper-case.*"));
    }
}

package cn.ruralcredit.loanfactory.decision.support;

import io.restassured.http.ContentType;

import java.util.Map;

/** Channel keys the tests issue through the admin API, as an admin would. */
public final class TestKeys {
    private static volatile String revoked;

    private TestKeys() {
    }

    /** A new key for {@code channel}: the admin API returns it once. */
    public static Issued issue(String channel) {
        var response = Auth.as(Auth.ADMIN).contentType(ContentType.JSON).body(Map.of("channel", channel))
                .when().post("/api/v1/admin/channel-keys").then().statusCode(201).extract();
        return new Issued(((Number) response.path("id")).longValue(), response.path("key"));
    }

    public static void revoke(long id) {
        Auth.as(Auth.ADMIN).when().post("/api/v1/admin/channel-keys/" + id + "/revoke").then().statusCode(200);
    }

    /** A key that was issued and then revoked (one per test run). */
    public static synchronized String revoked() {
        if (revoked == null) {
            Issued key = issue("REVOKED_APP");
            revoke(key.id());
            revoked = key.key();
        }
        return revoked;
    }

    public record Issued(long id, String key) {
    }
}

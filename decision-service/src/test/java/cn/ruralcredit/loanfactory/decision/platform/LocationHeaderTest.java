package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Links the service gives are paths on the service itself, never built from the request's Host header. */
@QuarkusTest
class LocationHeaderTest {

    @Test
    void shouldNotReflectTheHostHeaderInTheLocationOfAJob() {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String location = Auth.as(Auth.AUDITOR).header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .contentType(ContentType.JSON).body(Map.of("productCode", "FUNONG", "from", today, "to", today))
                .when().post("/api/v1/replays").then()
                .statusCode(202)
                .header("Location", not(containsString("evil")))
                .header("Location", matchesPattern("/api/v1/replays/[0-9A-Z]{26}"))
                .extract().header("Location");
        Auth.as(Auth.AUDITOR).when().get(location).then().statusCode(200).body("id", equalTo(location.substring(location.lastIndexOf('/') + 1)));
    }

    @Test
    void shouldNotReflectTheHostHeaderInTheLocationOfANewProduct() {
        String code = "LOCATION_CARD";
        Auth.as(Auth.MANAGER).header("Host", "evil.example").contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "链接卡", "nameEn", "Location card", "segments", java.util.List.of("RESIDENT")))
                .when().post("/api/v1/products").then()
                .statusCode(201)
                .header("Location", equalTo("/api/v1/products/" + code));
    }
}

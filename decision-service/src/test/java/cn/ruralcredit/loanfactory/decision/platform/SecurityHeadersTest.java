package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Every response carries the security headers; every API response, personal data or not, {@code no-store}. */
@QuarkusTest
class SecurityHeadersTest {

    private static ValidatableResponse hardened(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    private static ValidatableResponse notStored(ValidatableResponse response) {
        return hardened(response).header("Cache-Control", equalTo("no-store"))
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
    }

    private static String decide() {
        return Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void shouldNotLetAnAuditorsFullValueReadBeCached() {
        String id = decide();
        notStored(Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200));
        notStored(Auth.channel().when().get("/api/v1/decisions/" + id).then().statusCode(200));
    }

    @Test
    void shouldNotLetDecisionsExportsOrThePersonalDataLogBeCached() {
        decide();
        notStored(Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then().statusCode(200));
        notStored(Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions?size=1").then().statusCode(200));
        notStored(Auth.as(Auth.AUDITOR).queryParam("format", "csv").queryParam("productCode", "FUNONG")
                .queryParam("from", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString())
                .when().get("/api/v1/decisions/export").then().statusCode(200));
        notStored(Auth.as(Auth.AUDITOR).when().get("/api/v1/audit/personal-data-reads").then().statusCode(200));
    }

    @Test
    void shouldSendTheHeadersOnErrorsToo() {
        notStored(given().when().get("/api/v1/decisions/01JD3B6ZKX0QW6M2R4N8T5V7Y9").then().statusCode(401));
        notStored(Auth.as(Auth.MANAGER).when().get("/api/v1/admin/users").then().statusCode(403));
        notStored(Auth.channel().contentType(ContentType.JSON).body("{").when().post("/api/v1/decisions").then().statusCode(400));
        hardened(given().when().get("/no/such/page").then().statusCode(404));
    }

    @Test
    void shouldGiveSwaggerUiAPolicyForItsOwnScriptsOnly() {
        hardened(given().redirects().follow(true).when().get("/q/swagger-ui/").then().statusCode(200))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
        hardened(given().when().get("/q/health").then().statusCode(200));
    }
}

package cn.ruralcredit.loanfactory.decision.workspace;

import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/** The workspace's address: /admin sends the browser to /admin/, which serves the page (no redirect loop). */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class WorkspaceAddressTest {
    @Test
    void shouldRedirectOnlyTheAddressWithoutTheSlash() {
        given().redirects().follow(false).get("/admin").then().statusCode(302).header("Location", endsWith("/admin/"));
        given().redirects().follow(false).get("/admin/").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<div id=\"app\">"));
    }
}

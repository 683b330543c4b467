package cn.ruralcredit.loanfactory.decision.workspace;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/** The workspace's address: /admin is sent to /admin/, which serves the page (not a redirect loop). */
@QuarkusTest
class WorkspaceAddressTest {
    @Test
    void shouldSendAdminToAdminSlashAndServeThePageThere() {
        given().redirects().follow(false).when().get("/admin").then()
                .statusCode(302).header("Location", endsWith("/admin/"));
        given().redirects().follow(false).when().get("/admin/").then()
                .statusCode(200).contentType(containsString("text/html"));
    }
}

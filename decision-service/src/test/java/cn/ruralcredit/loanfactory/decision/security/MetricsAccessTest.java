package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code /q/metrics} (decision counts by product and outcome, every endpoint's status counts, JVM
 * details) needs a staff role, ADMIN by default ({@code LOANFACTORY_METRICS_ROLES}); health stays open.
 */
@QuarkusTest
class MetricsAccessTest {

    @Test
    void shouldRefuseMetricsToAnyoneWithoutCredentials() {
        given().when().get("/q/metrics").then().statusCode(401);
        given().when().get("/q/metrics/prometheus").then().statusCode(401);
    }

    @Test
    void shouldRefuseMetricsToChannelsAndOtherStaffRoles() {
        Auth.channel().when().get("/q/metrics").then().statusCode(403);
        for (String user : new String[] {Auth.MANAGER, Auth.APPROVER, Auth.AUDITOR}) {
            Auth.as(user).when().get("/q/metrics").then().statusCode(403);
        }
    }

    @Test
    void shouldShowMetricsToAnAdmin() {
        Auth.as(Auth.ADMIN).when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void shouldKeepHealthOpenForProbes() {
        given().when().get("/q/health").then().statusCode(200);
    }
}

package cn.ruralcredit.loanfactory.decision.product;

import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;

/**
 * Who may reach the product factory, endpoint by endpoint: reads for product managers, approvers
 * and auditors; authoring for product managers; review and publication for approvers; nothing for
 * admins and channel apps. Admitted callers are sent requests the endpoint refuses on their merits
 * (a 400 or 409), so the check changes nothing in the catalog.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class ProductFactoryAccessTest {
    private static final String FUNONG = "/api/v1/products/FUNONG";
    private static final String V1 = FUNONG + "/versions/1";

    private static AccessMatrix read(String path) {
        return AccessMatrix.of("GET " + path, r -> r.get(path));
    }

    private static AccessMatrix post(String path, String body) {
        return AccessMatrix.of("POST " + path, r -> r.contentType(ContentType.JSON).body(body).post(path));
    }

    @Test
    void shouldLetOnlyManagersApproversAndAuditorsReadProductsVersionsScenariosAndHistory() {
        read("/api/v1/products").refusesUnauthenticated().forbids(ADMIN).forbidsChannel()
                .admits(200, MANAGER, APPROVER, LEAD, AUDITOR);
        for (String path : new String[]{FUNONG, FUNONG + "/history", FUNONG + "/diff?from=1&to=1", FUNONG + "/versions", V1,
                V1 + "/history", V1 + "/test-runs", FUNONG + "/scenarios", FUNONG + "/scenarios/01-api-example"}) {
            read(path).forbids(ADMIN).forbidsChannel().admits(200, MANAGER, AUDITOR, APPROVER);
        }
    }

    @Test
    void shouldLetOnlyProductManagersCreateProductsDraftsAndScenarios() {
        post("/api/v1/products", "{}").refusesUnauthenticated().forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel()
                .admits(400, MANAGER, LEAD);
        post(FUNONG + "/versions", "{\"copyFrom\":{\"version\":999}}").forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel()
                .admits(400, MANAGER, LEAD);
        AccessMatrix.of("PUT " + V1, r -> r.contentType(ContentType.JSON).body("{}").put(V1))
                .refusesUnauthenticated().forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel().admits(400, MANAGER, LEAD);
        AccessMatrix.of("DELETE " + V1, r -> r.delete(V1)).forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel()
                .admits(409, MANAGER, LEAD);
        post(V1 + "/submit", "{}").forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel().admits(409, MANAGER, LEAD);
        post(FUNONG + "/scenarios", "{}").refusesUnauthenticated().forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel()
                .admits(400, MANAGER, LEAD);
        String scenario = FUNONG + "/scenarios/01-api-example";
        AccessMatrix.of("PUT " + scenario, r -> r.contentType(ContentType.JSON).body("{}").put(scenario))
                .forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel().admits(400, MANAGER, LEAD);
        AccessMatrix.of("DELETE " + scenario, r -> r.delete(scenario))
                .forbids(APPROVER, AUDITOR, ADMIN).forbidsChannel().admits(400, MANAGER, LEAD);
    }

    @Test
    void shouldLetManagersAndApproversValidateAndTestButNotAuditors() {
        post(V1 + "/validate", "{}").refusesUnauthenticated().forbids(AUDITOR, ADMIN).forbidsChannel()
                .admits(200, MANAGER, APPROVER);
        AccessMatrix.of("POST " + FUNONG + "/versions/999/test-runs", r -> r.post(FUNONG + "/versions/999/test-runs"))
                .forbids(AUDITOR, ADMIN).forbidsChannel().admits(404, MANAGER, APPROVER);
    }

    @Test
    void shouldLetOnlyApproversApproveRejectPublishRetireAndRollBack() {
        post(V1 + "/approve", "{}").refusesUnauthenticated().forbids(MANAGER, AUDITOR, ADMIN).forbidsChannel()
                .admits(409, APPROVER, LEAD);
        post(V1 + "/reject", "{}").forbids(MANAGER, AUDITOR, ADMIN).forbidsChannel().admits(400, APPROVER, LEAD);
        post(V1 + "/publish", "{}").forbids(MANAGER, AUDITOR, ADMIN).forbidsChannel().admits(409, APPROVER, LEAD);
        post(V1 + "/retire", "{}").forbids(MANAGER, AUDITOR, ADMIN).forbidsChannel().admits(400, APPROVER, LEAD);
        post(V1 + "/rollback", "{}").forbids(MANAGER, AUDITOR, ADMIN).forbidsChannel().admits(400, APPROVER, LEAD);
    }
}

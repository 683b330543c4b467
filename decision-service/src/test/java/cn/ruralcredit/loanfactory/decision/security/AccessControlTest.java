package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;

/**
 * Who may reach which endpoint family: 401 without (valid) credentials, 403 for every role that
 * must not, and the success status for those that may.
 */
@QuarkusTest
class AccessControlTest {
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @Test
    void onlyChannelAppsMayDecide() {
        AccessMatrix.of("POST /api/v1/decisions", r -> r.contentType(ContentType.JSON)
                        .body(Requests.apiExample().toString()).post("/api/v1/decisions"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR, ADMIN)
                .admitsChannel(200);
    }

    @Test
    void auditorsAndTheDecidingChannelMayReadADecision() {
        String id = Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
        AccessMatrix.of("GET /api/v1/decisions/{id}", r -> r.get("/api/v1/decisions/" + id))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, ADMIN)
                .admits(200, AUDITOR)
                .admitsChannel(200);
    }

    @Test
    void onlyChannelAppsMayAskForOffers() {
        AccessMatrix.of("POST /api/v1/offers", r -> r.contentType(ContentType.JSON)
                        .body(Requests.apiExample().set("productCode", null).toString()).post("/api/v1/offers"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR, ADMIN)
                .admitsChannel(200);
    }

    @Test
    void onlyAdminsMayListAndCreateUsers() {
        AccessMatrix.of("GET /api/v1/admin/users", r -> r.get("/api/v1/admin/users"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
        AccessMatrix.of("POST /api/v1/admin/users", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("username", "access-" + UNIQUE.incrementAndGet(), "password", "long enough password",
                                "roles", List.of(Roles.AUDITOR)))
                        .post("/api/v1/admin/users"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(201, ADMIN);
    }

    @Test
    void onlyAdminsMayChangeRolesOrDisableUsers() {
        String username = "access-target-" + UNIQUE.incrementAndGet();
        Auth.as(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "long enough password", "roles", List.of(Roles.AUDITOR)))
                .post("/api/v1/admin/users").then().statusCode(201);
        AccessMatrix.of("PUT /api/v1/admin/users/{username}/roles", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of(Roles.APPROVER))).put("/api/v1/admin/users/" + username + "/roles"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
        AccessMatrix.of("POST /api/v1/admin/users/{username}/disable", r -> r.post("/api/v1/admin/users/" + username + "/disable"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
        AccessMatrix.of("POST /api/v1/admin/users/{username}/enable", r -> r.post("/api/v1/admin/users/" + username + "/enable"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
    }

    @Test
    void onlyAdminsMayManageChannelKeys() {
        AccessMatrix.of("GET /api/v1/admin/channel-keys", r -> r.get("/api/v1/admin/channel-keys"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
        AccessMatrix.of("POST /api/v1/admin/channel-keys", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("channel", "ACCESS_TEST")).post("/api/v1/admin/channel-keys"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(201, ADMIN);
        long id = ((Number) Auth.as(ADMIN).contentType(ContentType.JSON).body(Map.of("channel", "ACCESS_TEST"))
                .post("/api/v1/admin/channel-keys").then().statusCode(201).extract().path("id")).longValue();
        AccessMatrix.of("POST /api/v1/admin/channel-keys/{id}/revoke", r -> r.post("/api/v1/admin/channel-keys/" + id + "/revoke"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(200, ADMIN);
    }

    @Test
    void everyStaffRoleMayReadMarketRatesButNoChannel() {
        AccessMatrix.of("GET /api/v1/market-rates", r -> r.get("/api/v1/market-rates"))
                .refusesUnauthenticated()
                .forbidsChannel()
                .admits(200, MANAGER, APPROVER, LEAD, AUDITOR, ADMIN);
    }

    @Test
    void onlyAdminsMayAddMarketRates() {
        AccessMatrix.of("POST /api/v1/market-rates", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("effectiveFrom", uniqueFarFutureDate().toString(), "ratePct", 2.95))
                        .post("/api/v1/market-rates"))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, AUDITOR)
                .forbidsChannel()
                .admits(201, ADMIN);
    }

    /** Far enough ahead that no decision of the tests is priced with it. */
    private static LocalDate uniqueFarFutureDate() {
        return LocalDate.of(2300, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 300_000));
    }
}

package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-decision view: full ID number and phone for auditors, each such read logged (who,
 * when, which decision) and refused when it cannot be logged; masked for the deciding channel.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class PersonalDataReadTest {
    private static final String READS = "/api/v1/audit/personal-data-reads";
    private static final String ID_NUMBER = "150422197511020041";
    private static final String PHONE = "13800138000";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @Inject
    AgroalDataSource dataSource;

    private static String decide() {
        return Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    private static JsonPath readsOf(String decisionId) {
        return Auth.as(AUDITOR).queryParam("decisionId", decisionId).when().get(READS)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldShowAnAuditorTheFullValuesAndLogTheRead() {
        String id = decide();
        Instant before = Instant.now().minusMillis(1);
        Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("decisionId", equalTo(id))
                .body("request.applicant.idNumber", equalTo(ID_NUMBER))
                .body("request.applicant.phone", equalTo(PHONE))
                .body("request.applicant.name", equalTo("张三"));
        Instant after = Instant.now().plusMillis(1);

        JsonPath log = readsOf(id);
        assertEquals(1, log.getInt("totalItems"));
        assertEquals(id, log.getString("items[0].decisionId"));
        assertEquals(AUDITOR, log.getString("items[0].reader"));
        assertEquals(List.of(Roles.AUDITOR), log.getList("items[0].readerRoles"));
        assertEquals("DECISION_VIEW", log.getString("items[0].purpose"));
        assertNull((Object) log.get("items[0].filter"));
        assertNull((Object) log.get("items[0].rowCount"));
        Instant readAt = Instant.parse(log.getString("items[0].readAt"));
        assertTrue(!readAt.isBefore(before) && !readAt.isAfter(after), readAt + " not within the read");

        Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200);
        assertEquals(2, readsOf(id).getInt("totalItems"));
    }

    @Test
    void shouldShowTheDecidingChannelMaskedValuesAndLogNothing() {
        String id = decide();
        String body = Auth.channel().when().get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("decisionId", equalTo(id))
                .body("request.applicant.idNumber", equalTo("150422********0041"))
                .body("request.applicant.phone", equalTo("138****8000"))
                .body("request.applicant.name", equalTo("张三"))
                .body("request.applicant.segment", equalTo("FARMER"))
                .extract().asString();
        assertFalse(body.contains(ID_NUMBER));
        assertFalse(body.contains(PHONE));
        assertEquals(0, readsOf(id).getInt("totalItems"));
    }

    @Test
    void shouldLogNothingForADecisionNotFound() {
        String unknown = "01JD2V7N3C4Q8W5T6Y7Z8A9B0C";
        Auth.as(AUDITOR).when().get("/api/v1/decisions/" + unknown).then().statusCode(404);
        assertEquals(0, readsOf(unknown).getInt("totalItems"));
    }

    @Test
    void shouldWithholdTheFullValuesWhenTheReadCannotBeLogged() throws Exception {
        String id = decide();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("RENAME TABLE personal_data_read TO personal_data_read_offline");
            try {
                Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then()
                        .statusCode(503).contentType("application/problem+json")
                        .body("detail", equalTo("the read of personal data could not be made and recorded, so nothing "
                                + "is shown; try again later"))
                        .body(not(containsString(ID_NUMBER)))
                        .body(not(containsString(PHONE)));
            } finally {
                s.execute("RENAME TABLE personal_data_read_offline TO personal_data_read");
            }
        }
        assertEquals(0, readsOf(id).getInt("totalItems"));
        Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("request.applicant.idNumber", equalTo(ID_NUMBER));
        assertEquals(1, readsOf(id).getInt("totalItems"));
    }

    @Test
    void shouldRecordWhichAuditorRead() {
        String second = "auditor-" + UNIQUE.incrementAndGet() + "-" + System.nanoTime();
        Auth.as(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", second, "password", "long enough password", "roles", List.of(Roles.AUDITOR)))
                .when().post("/api/v1/admin/users").then().statusCode(201);
        String id = decide();
        given().auth().preemptive().basic(second, "long enough password").when().get("/api/v1/decisions/" + id)
                .then().statusCode(200).body("request.applicant.idNumber", equalTo(ID_NUMBER));
        Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200);

        Auth.as(AUDITOR).queryParam("reader", second).when().get(READS).then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items.decisionId", contains(id))
                .body("items.reader", contains(second));
        // newest first
        Auth.as(AUDITOR).queryParam("decisionId", id).when().get(READS).then().statusCode(200)
                .body("items.reader", contains(AUDITOR, second));
    }

    @Test
    void shouldFilterTheLogByDaysInShanghaiAndPageIt() {
        String id = decide();
        for (int i = 0; i < 3; i++) Auth.as(AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200);
        JsonPath all = readsOf(id);
        assertEquals(3, all.getInt("totalItems"));
        LocalDate day = Instant.parse(all.getString("items[0].readAt")).atZone(DecisionClock.ZONE).toLocalDate();
        Auth.as(AUDITOR).queryParams(Map.of("decisionId", id, "from", day.toString(), "to", day.toString()))
                .when().get(READS).then().statusCode(200).body("totalItems", equalTo(3));
        Auth.as(AUDITOR).queryParams(Map.of("decisionId", id, "to", day.minusDays(1).toString()))
                .when().get(READS).then().statusCode(200).body("totalItems", equalTo(0));
        Auth.as(AUDITOR).queryParams(Map.of("decisionId", id, "from", day.plusDays(1).toString()))
                .when().get(READS).then().statusCode(200).body("totalItems", equalTo(0));
        List<Integer> ids = all.getList("items.id", Integer.class);
        Auth.as(AUDITOR).queryParams(Map.of("decisionId", id, "size", 2, "page", 1))
                .when().get(READS).then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(2))
                .body("totalItems", equalTo(3)).body("totalPages", equalTo(2))
                .body("items.id", contains(ids.get(2)));
        assertTrue(ids.get(0) > ids.get(1) && ids.get(1) > ids.get(2), "newest first: " + ids);
    }

    @Test
    void shouldRefuseBadLogFiltersNamingThem() {
        Auth.as(AUDITOR).queryParams(Map.of("decisionId", "short", "from", "21.11.2025", "size", "201"))
                .when().get(READS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("decisionId", "from", "size"))
                .body("errors.message", contains("must be a decision id (26 characters)",
                        "must be a date (yyyy-MM-dd, years 1000 to 9999)", "must be an integer from 1 to 200"));
    }

    @Test
    void shouldLetOnlyAuditorsReadTheLog() {
        AccessMatrix.of("GET " + READS, r -> r.get(READS))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, ADMIN)
                .forbidsChannel()
                .admits(200, AUDITOR);
    }
}

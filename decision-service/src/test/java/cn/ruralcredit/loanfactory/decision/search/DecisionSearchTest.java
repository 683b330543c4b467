package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.search.SearchFixture.Made;
import cn.ruralcredit.loanfactory.decision.support.AccessMatrix;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static cn.ruralcredit.loanfactory.decision.search.SearchFixture.APP;
import static cn.ruralcredit.loanfactory.decision.search.SearchFixture.KIOSK;
import static cn.ruralcredit.loanfactory.decision.search.SearchFixture.requestIds;
import static cn.ruralcredit.loanfactory.decision.support.Auth.ADMIN;
import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /api/v1/decisions: every filter narrows exactly, pages newest first, masks personal data, refuses bad input. */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class DecisionSearchTest {
    private static final String DECISIONS = "/api/v1/decisions";

    private static ValidatableResponse search(Map<String, ?> query) {
        return Auth.as(AUDITOR).queryParams(query).when().get(DECISIONS).then();
    }

    private static List<String> requestIdsFound(Map<String, ?> query) {
        return search(query).statusCode(200).extract().jsonPath().getList("items.requestId", String.class);
    }

    @Test
    void shouldListAChannelsDecisionsNewestFirst() {
        SearchFixture f = SearchFixture.get();
        assertEquals(requestIds(f.made(APP)), requestIdsFound(Map.of("channel", APP)));
        assertEquals(requestIds(f.made(KIOSK)), requestIdsFound(Map.of("channel", KIOSK)));
        assertEquals(4, f.made(APP).size());
    }

    @Test
    void shouldNarrowByEachFilter() {
        SearchFixture f = SearchFixture.get();
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.outcome().equals("DECLINED"))),
                requestIdsFound(Map.of("channel", APP, "outcome", "DECLINED")));
        assertEquals(1, requestIdsFound(Map.of("channel", APP, "outcome", "REFERRED")).size());
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.outcome().equals("REFERRED"))),
                requestIdsFound(Map.of("channel", APP, "outcome", "REFERRED")));
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.outcome().equals("APPROVED"))),
                requestIdsFound(Map.of("channel", APP, "outcome", "APPROVED")));
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.productCode().equals("FUSHANG"))),
                requestIdsFound(Map.of("channel", APP, "productCode", "FUSHANG")));
        assertEquals(requestIds(f.where(m -> m.productCode().equals("FUNONG") && m.outcome().equals("APPROVED")
                        && m.channel().equals(KIOSK))),
                requestIdsFound(Map.of("channel", KIOSK, "productCode", "FUNONG", "outcome", "APPROVED")));
        Made oldest = f.made(APP).get(3);
        // a requestId is unique to its channel only: without a channel it finds the one decision of this run
        assertEquals(List.of(oldest.requestId()), requestIdsFound(Map.of("requestId", oldest.requestId())));
        assertEquals(List.of(), requestIdsFound(Map.of("requestId", oldest.requestId(), "channel", KIOSK)));
    }

    @Test
    void shouldNarrowByRuleSetVersion() {
        SearchFixture f = SearchFixture.get();
        int version = f.made(APP).get(0).version();
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.version() == version)),
                requestIdsFound(Map.of("channel", APP, "version", version)));
        assertEquals(List.of(), requestIdsFound(Map.of("channel", APP, "version", 9999)));
    }

    @Test
    void shouldNarrowByDaysInShanghai() {
        SearchFixture f = SearchFixture.get();
        var day = f.made(APP).get(0).dayInShanghai();
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && m.dayInShanghai().equals(day))),
                requestIdsFound(Map.of("channel", APP, "from", day.toString(), "to", day.toString())));
        assertEquals(requestIds(f.where(m -> m.channel().equals(APP) && !m.dayInShanghai().isBefore(day))),
                requestIdsFound(Map.of("channel", APP, "from", day.toString())));
        assertEquals(List.of(), requestIdsFound(Map.of("channel", APP, "to", day.minusDays(1).toString())));
        assertEquals(List.of(), requestIdsFound(Map.of("channel", APP, "from", day.plusDays(1).toString())));
    }

    @Test
    void shouldPageNewestFirst() {
        SearchFixture f = SearchFixture.get();
        List<String> all = requestIds(f.made(APP));
        search(Map.of("channel", APP, "size", 3)).statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(3))
                .body("totalItems", equalTo(4)).body("totalPages", equalTo(2))
                .body("items.requestId", contains(all.get(0), all.get(1), all.get(2)));
        search(Map.of("channel", APP, "size", 3, "page", 1)).statusCode(200)
                .body("page", equalTo(1)).body("totalItems", equalTo(4))
                .body("items.requestId", contains(all.get(3)));
        search(Map.of("channel", APP, "size", 3, "page", 2)).statusCode(200)
                .body("totalItems", equalTo(4)).body("totalPages", equalTo(2))
                .body("items.requestId", equalTo(List.of()));
        search(Map.of("channel", APP)).statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(20)).body("totalPages", equalTo(1));
        search(Map.of("channel", APP, "size", 200, "page", Integer.MAX_VALUE)).statusCode(200)
                .body("page", equalTo(Integer.MAX_VALUE)).body("totalItems", equalTo(4))
                .body("items.requestId", equalTo(List.of()));
    }

    @Test
    void shouldShowEachDecisionWithIdNumberAndPhoneMasked() {
        SearchFixture f = SearchFixture.get();
        Made approved = f.made(APP).get(3);
        Made declined = f.made(APP).get(2);
        Made referred = f.made(APP).get(1);
        Made noPhone = f.made(APP).get(0);
        String body = search(Map.of("channel", APP)).statusCode(200).extract().asString();
        JsonPath page = new JsonPath(body);

        String a = "items.find { it.requestId == '" + approved.requestId() + "' }.";
        assertEquals(approved.decisionId(), page.getString(a + "decisionId"));
        assertEquals("FUNONG", page.getString(a + "productCode"));
        assertEquals(approved.version(), page.getInt(a + "ruleSet.version"));
        assertEquals(approved.sha256(), page.getString(a + "ruleSet.sha256"));
        assertEquals(APP, page.getString(a + "channel"));
        assertEquals("2025-11-21", page.getString(a + "asOfDate"));
        assertEquals(approved.decidedAt(), page.getString(a + "decidedAt"));
        assertEquals("APPROVED", page.getString(a + "outcome"));
        assertEquals("G4", page.getString(a + "tierCode"));
        assertEquals(80000, page.getInt(a + "creditLimit"));
        assertEquals(5.20f, page.getFloat(a + "annualRatePct"));
        assertEquals("BRANCH", page.getString(a + "approvalLevel"));
        assertEquals(List.of("LIMIT_CAPPED_BY_REQUEST"), page.getList(a + "reasonCodes"));
        assertEquals("张三", page.getString(a + "applicant.name"));
        assertEquals("150422********0041", page.getString(a + "applicant.idNumber"));
        assertEquals("138****8000", page.getString(a + "applicant.phone"));

        String d = "items.find { it.requestId == '" + declined.requestId() + "' }.";
        assertEquals("DECLINED", page.getString(d + "outcome"));
        assertNull((Object) page.get(d + "tierCode"));
        assertEquals(0, page.getInt(d + "creditLimit"));
        assertNull((Object) page.get(d + "annualRatePct"));
        assertNull((Object) page.get(d + "approvalLevel"));
        assertEquals(List.of("BLACKLISTED", "SEGMENT_NOT_ELIGIBLE", "BUSINESS_TOO_NEW"), page.getList(d + "reasonCodes"));
        assertEquals("李四", page.getString(d + "applicant.name"));
        assertEquals("150422********0121", page.getString(d + "applicant.idNumber"));
        assertEquals("139****5678", page.getString(d + "applicant.phone"));

        String r = "items.find { it.requestId == '" + referred.requestId() + "' }.";
        assertEquals("REFERRED", page.getString(r + "outcome"));
        assertEquals("UNION_COMMITTEE", page.getString(r + "approvalLevel"));
        assertEquals("150422********023X", page.getString(r + "applicant.idNumber"));
        assertEquals("137****1111", page.getString(r + "applicant.phone"));

        String n = "items.find { it.requestId == '" + noPhone.requestId() + "' }.";
        assertEquals("赵六, \"小赵\"", page.getString(n + "applicant.name"));
        assertEquals("150422********0350", page.getString(n + "applicant.idNumber"));
        assertNull((Object) page.get(n + "applicant.phone"));

        for (Made m : f.made(APP)) {
            assertFalse(body.contains(m.idNumber()), "full ID number in the list");
            if (m.phone() != null) assertFalse(body.contains(m.phone()), "full phone in the list");
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "outcome|MAYBE|must be one of APPROVED, DECLINED, REFERRED",
            "outcome|approved|must be one of APPROVED, DECLINED, REFERRED",
            "version|0|must be an integer of at least 1",
            "version|v1|must be an integer of at least 1",
            "page|-1|must be an integer of at least 0",
            "page|first|must be an integer of at least 0",
            "size|0|must be an integer from 1 to 200",
            "size|201|must be an integer from 1 to 200",
            "size|99999999999|must be an integer from 1 to 200",
            "from|2025-13-01|must be a date (yyyy-MM-dd, years 1000 to 9999)",
            "to|yesterday|must be a date (yyyy-MM-dd, years 1000 to 9999)",
            "to|+12025-01-01|must be a date (yyyy-MM-dd, years 1000 to 9999)",
            "requestId|no spaces allowed|must be 1-64 characters of A-Z a-z 0-9 . _ : -",
            "channel|A_CHANNEL_CODE_LONGER_THAN_32_CHARS|must be at most 32 characters",
            "productCode|A_PRODUCT_CODE_LONGER_THAN_32_CHARS|must be at most 32 characters"})
    void shouldRefuseABadParameterNamingIt(String field, String value, String message) {
        search(Map.of(field, value)).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", contains(field))
                .body("errors.message", contains(message));
    }

    @Test
    void shouldRefuseADateRangeThatEndsBeforeItStarts() {
        search(Map.of("from", "2025-11-21", "to", "2025-11-20")).statusCode(400)
                .body("errors.field", contains("from"))
                .body("errors.message", contains("must not be after to"));
    }

    @Test
    void shouldNameEveryBadParameterAtOnce() {
        search(Map.of("outcome", "X", "size", "0", "from", "nope")).statusCode(400)
                .body("errors.field", contains("outcome", "from", "size"));
    }

    @Test
    void shouldLetOnlyAuditorsSearch() {
        AccessMatrix.of("GET /api/v1/decisions", r -> r.queryParam("channel", APP).get(DECISIONS))
                .refusesUnauthenticated()
                .forbids(MANAGER, APPROVER, LEAD, ADMIN)
                .forbidsChannel()
                .admits(200, AUDITOR);
    }

    @Test
    void shouldForbidAChannelEvenItsOwnDecisions() {
        SearchFixture f = SearchFixture.get();
        given().header("X-Api-Key", f.appKey).queryParam("channel", APP).when().get(DECISIONS).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldKeepPostAndSingleReadWhereTheyWere() {
        SearchFixture f = SearchFixture.get();
        Made m = f.made(APP).get(0);
        given().header("X-Api-Key", f.appKey).when().get(DECISIONS + "/" + m.decisionId()).then()
                .statusCode(200).body("decisionId", equalTo(m.decisionId()));
        Auth.channel().contentType(ContentType.JSON).body("{}").when().post(DECISIONS).then().statusCode(400);
    }

    @Test
    void shouldDescribeSearchExportAndTheAccessLogInOpenApi() {
        JsonPath doc = given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String path : List.of("'/api/v1/decisions'.get", "'/api/v1/decisions/export'.get",
                "'/api/v1/audit/personal-data-reads'.get")) {
            for (String status : List.of("200", "400", "401", "403")) {
                assertEquals(true, doc.get("paths." + path + ".responses.'" + status + "'") != null, path + " " + status);
            }
            List<Map<String, Object>> security = doc.getList("paths." + path + ".security");
            assertEquals(List.of("staffBasic", "staffBearer", "staffSession"),
                    security.stream().flatMap(m -> m.keySet().stream()).toList(), path + " security");
        }
        assertEquals(true, doc.get("paths.'/api/v1/decisions/export'.get.responses.'200'.content.'text/csv'") != null);
    }
}

package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.TestKeys;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A known set of decisions made through two channels of their own (so that the other tests'
 * decisions in the shared database are filtered out by channel): four by {@link #APP}, two by
 * {@link #KIOSK}, with every outcome, two products and distinct ID numbers and phones.
 */
final class SearchFixture {
    static final String APP = "SEARCH_APP";
    static final String KIOSK = "SEARCH_KIOSK";

    /** One decision made for the fixture, as the POST answered it. */
    record Made(String channel, String requestId, String decisionId, String decidedAt, int version, String sha256,
                String productCode, String outcome, String name, String idNumber, String phone) {
        LocalDate dayInShanghai() {
            return Instant.parse(decidedAt).atZone(DecisionClock.ZONE).toLocalDate();
        }
    }

    private static SearchFixture instance;

    final String appKey;
    final String kioskKey;
    /** Every decision made, newest first (decidedAt, then decisionId, descending). */
    final List<Made> all;

    private SearchFixture() {
        appKey = TestKeys.issue(APP).key();
        kioskKey = TestKeys.issue(KIOSK).key();
        all = List.of(
                decide(appKey, APP, Requests.apiExample()),
                decide(appKey, APP, Requests.apiExample().set("productCode", "FUSHANG")
                        .set("applicant.idNumber", "150422198005170121").set("applicant.phone", "13912345678")
                        .set("applicant.name", "李四").set("applicant.blacklisted", true)),
                decide(appKey, APP, Requests.apiExample()
                        .set("applicant.idNumber", "15042219900101023X").set("applicant.phone", "13700001111")
                        .set("applicant.name", "王五")
                        .set("applicant.segment", "AGRI_ENTITY").set("applicant.annualRevenue", 3_000_000)
                        .set("applicant.avgDepositBalance12m", 50_000).set("application.requestedAmount", null)
                        .set("application.offeredGuarantees", List.of("MORTGAGE_PROPERTY"))),
                // a name with a comma and quotes, to be quoted in CSV; no phone at all
                decide(appKey, APP, Requests.apiExample()
                        .set("applicant.idNumber", "150422198506300350").set("applicant.phone", null)
                        .set("applicant.name", "赵六, \"小赵\"")),
                decide(kioskKey, KIOSK, Requests.apiExample()
                        .set("applicant.idNumber", "150422197002030460").set("applicant.phone", "13655556666")
                        .set("applicant.name", "孙七")),
                decide(kioskKey, KIOSK, Requests.apiExample().set("productCode", "FUSHANG")
                        .set("applicant.blacklisted", true)))
                .stream().sorted(Comparator.comparing(Made::decidedAt).thenComparing(Made::decisionId).reversed())
                .toList();
        assertEquals(List.of("APPROVED", "DECLINED", "REFERRED", "APPROVED"),
                made(APP).stream().sorted(Comparator.comparing(Made::decidedAt)).map(Made::outcome).toList(),
                "the fixture's outcomes");
    }

    static synchronized SearchFixture get() {
        if (instance == null) instance = new SearchFixture();
        return instance;
    }

    private static Made decide(String key, String channel, Requests request) {
        var body = request.json();
        JsonPath d = given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
        var applicant = body.path("applicant");
        return new Made(channel, d.getString("requestId"), d.getString("decisionId"), d.getString("decidedAt"),
                d.getInt("ruleSet.version"), d.getString("ruleSet.sha256"), d.getString("productCode"),
                d.getString("outcome"), applicant.path("name").asText(), applicant.path("idNumber").asText(),
                applicant.has("phone") ? applicant.path("phone").asText() : null);
    }

    /** The decisions of {@code channel}, newest first. */
    List<Made> made(String channel) {
        return where(m -> m.channel().equals(channel));
    }

    List<Made> where(Predicate<Made> test) {
        return all.stream().filter(test).toList();
    }

    static List<String> requestIds(List<Made> made) {
        return made.stream().map(Made::requestId).toList();
    }
}

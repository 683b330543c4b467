package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.LEAD;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static cn.ruralcredit.loanfactory.decision.support.Factory.versions;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The rules of the version lifecycle, each on a product of its own copied from a seed product. */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class VersionLifecycleTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String G4_V1 = "insert( new Grade( \"G4\", \"优秀\", \"100000\" ) );";

    private static Requests decisionFor(String code) {
        return Requests.apiExample().set("productCode", code).set("asOfDate", null);
    }

    @Test
    void shouldStartAProductFromACopyOfAnotherWithItsScenarioSuite() {
        Factory.productCopiedFrom("FUMIN_COUNTY", "FUMIN", 1);
        Auth.as(Auth.AUDITOR).get("/api/v1/products/FUMIN_COUNTY").then().statusCode(200)
                .body("nameZh", equalTo("测试福农卡"))
                .body("segments", equalTo(List.of("FARMER")))
                .body("inForce", nullValue())
                .body("scenarios", equalTo(51))
                .body("versions[0].version", equalTo(1))
                .body("versions[0].status", equalTo("DRAFT"))
                .body("versions[0].basedOn", equalTo("FUMIN:1"))
                .body("versions[0].author", equalTo(MANAGER));
        // a draft decides nothing
        Auth.channel().contentType(ContentType.JSON).body(decisionFor("FUMIN_COUNTY").toString()).post("/api/v1/decisions")
                .then().statusCode(422).body("detail", containsString("no published rule set"));
    }

    @Test
    void shouldStartAProductFromTheStarterRuleSetWhichCannotBeSubmittedWithoutScenarios() {
        Map<String, Object> body = Map.of("code", "BLANK_CARD", "nameZh", "空白卡", "nameEn", "Blank card",
                "segments", List.of("RESIDENT"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body(body).post("/api/v1/products").then().statusCode(201)
                .body("scenarios", equalTo(0)).body("versions[0].status", equalTo("DRAFT"));
        Auth.as(MANAGER).get(versions("BLANK_CARD") + "/1").then().statusCode(200)
                .body("files.keySet()", hasItems("common/eligibility.drl", "common/outcome.drl", "BLANK_CARD/rules.drl"));
        Auth.as(MANAGER).post(versions("BLANK_CARD") + "/1/validate").then().statusCode(200).body("valid", equalTo(true));
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions("BLANK_CARD") + "/1/submit").then()
                .statusCode(422).body("detail", containsString("empty"));
    }

    @Test
    void shouldNameEveryInvalidFieldOfANewProduct() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", "x");
        body.put("nameEn", "Pirate card");
        body.put("segments", List.of("FARMER", "PIRATE"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body(body).post("/api/v1/products").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("code", "nameZh", "segments[1]"));
        Auth.as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("code", "FUNONG", "nameZh", "福农卡", "nameEn", "again", "segments", List.of("FARMER")))
                .post("/api/v1/products").then().statusCode(409);
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{\"code\": 12, \"segments\": \"FARMER\"}")
                .post("/api/v1/products").then().statusCode(400).body("errors[0].field", equalTo("segments"));
    }

    @Test
    void shouldRefuseAStaleEditAndKeepTheEditThatWonAndNeverEditANonDraft() {
        Factory.productCopiedFrom("STALE_CARD", "FUNONG", 1);
        JsonPath read = Factory.version("STALE_CARD", 1);
        Map<String, String> mine = new HashMap<>(read.getMap("files"));
        mine.put("STALE_CARD/notes.drl", "// first edit\npackage cn.ruralcredit.loanfactory.rules.stale;\n");
        Map<String, String> theirs = new HashMap<>(read.getMap("files"));
        theirs.put("STALE_CARD/notes.drl", "// second edit\npackage cn.ruralcredit.loanfactory.rules.stale;\n");
        long lock = read.getLong("lockVersion");
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", lock, "files", mine))
                .put(versions("STALE_CARD") + "/1").then().statusCode(200);
        Auth.as(LEAD).contentType(ContentType.JSON).body(Map.of("lockVersion", lock, "files", theirs))
                .put(versions("STALE_CARD") + "/1").then().statusCode(409).body("detail", containsString("reload"));
        Auth.as(MANAGER).get(versions("STALE_CARD") + "/1").then()
                .body("files.'STALE_CARD/notes.drl'", startsWith("// first edit"));

        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", 0, "files", mine))
                .put(versions("FUNONG") + "/1").then().statusCode(409).body("detail", containsString("PUBLISHED"));
        Auth.as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("lockVersion", 0, "files", Map.of("../secrets.drl", "x", "ok/file.txt", "y")))
                .put(versions("STALE_CARD") + "/1").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("files[../secrets.drl]", "files[ok/file.txt]"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("files", mine))
                .put(versions("STALE_CARD") + "/1").then().statusCode(400).body("errors.field", hasItem("lockVersion"));
    }

    @Test
    void shouldDeleteADraftKeepItsHistoryAndNeverReuseItsNumber() {
        int draft = Factory.draftFrom("FUXIN", 1).getInt("version");
        Auth.as(MANAGER).delete(versions("FUXIN") + "/" + draft).then().statusCode(204);
        Auth.as(MANAGER).get(versions("FUXIN") + "/" + draft).then().statusCode(404);
        Auth.as(Auth.AUDITOR).get(versions("FUXIN") + "/" + draft + "/history").then().statusCode(200)
                .body("event", equalTo(List.of("CREATED", "DELETED"))).body("actor", everyItem(equalTo(MANAGER)));
        Factory.draftFrom("FUXIN", 1).getInt("version");
        Auth.as(MANAGER).get(versions("FUXIN")).then().body("[0].version", equalTo(draft + 1));
        Auth.as(MANAGER).delete(versions("FUXIN") + "/1").then().statusCode(409);
    }

    @Test
    void shouldRejectOnlyWithACommentAndNeverByTheAuthor() {
        Factory.productCopiedFrom("REJECT_CARD", "FUNONG", 1);
        String v1 = versions("REJECT_CARD") + "/1";
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(v1 + "/approve").then().statusCode(403);
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(v1 + "/submit").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"  \"}").post(v1 + "/reject").then()
                .statusCode(400).body("errors[0].field", equalTo("comment"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", 0, "files", Map.of("a/b.drl", "")))
                .put(v1).then().statusCode(409);
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"利率定价依据不足\"}").post(v1 + "/reject").then()
                .statusCode(200).body("status", equalTo("REJECTED"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(v1 + "/approve").then().statusCode(409);
        Auth.as(Auth.AUDITOR).get(v1 + "/history").then()
                .body("find { it.event == 'REJECTED' }.comment", equalTo("利率定价依据不足"))
                .body("find { it.event == 'REJECTED' }.actor", equalTo(APPROVER));

        // a lead who wrote a version may approve others' but not their own
        int own = Auth.as(LEAD).contentType(ContentType.JSON).body(Map.of("copyFrom", Map.of("version", 1)))
                .post(versions("REJECT_CARD")).then().statusCode(201).extract().path("version");
        Auth.as(LEAD).contentType(ContentType.JSON).body("{}").post(versions("REJECT_CARD") + "/" + own + "/submit")
                .then().statusCode(200);
        Auth.as(LEAD).contentType(ContentType.JSON).body("{\"comment\": \"no\"}")
                .post(versions("REJECT_CARD") + "/" + own + "/reject").then().statusCode(403);
    }

    @Test
    void shouldPublishOnlyApprovedVersionsFromTodayOnAndRetireThemWithAComment() {
        Factory.productCopiedFrom("RETIRE_CARD", "FUNONG", 1);
        String v1 = versions("RETIRE_CARD") + "/1";
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(v1 + "/submit").then().statusCode(200);
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(v1 + "/publish").then().statusCode(409);
        // no simulation covers it: approval asks for the approver's explicit acknowledgement (SimulationTest has the rest)
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(v1 + "/approve").then().statusCode(422)
                .body("errors[0].field", equalTo("acknowledgeNoSimulation"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body(Map.of("acknowledgeNoSimulation", true)).post(v1 + "/approve")
                .then().statusCode(200);
        Auth.as(APPROVER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.minusDays(1).toString()))
                .post(v1 + "/publish").then().statusCode(400).body("errors[0].field", equalTo("effectiveFrom"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"effectiveFrom\": \"not a date\"}")
                .post(v1 + "/publish").then().statusCode(400).body("errors[0].field", equalTo("effectiveFrom"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(v1 + "/publish").then().statusCode(200)
                .body("effectiveFrom", equalTo(TODAY.toString()));
        Auth.channel().contentType(ContentType.JSON).body(decisionFor("RETIRE_CARD").toString()).post("/api/v1/decisions")
                .then().statusCode(200).body("ruleSet.version", equalTo(1)).body("creditLimit", equalTo(80000));

        Auth.as(APPROVER).contentType(ContentType.JSON).body("{}").post(v1 + "/retire").then().statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"产品停办\"}").post(v1 + "/retire").then()
                .statusCode(200).body("status", equalTo("RETIRED"));
        Auth.channel().contentType(ContentType.JSON).body(decisionFor("RETIRE_CARD").toString()).post("/api/v1/decisions")
                .then().statusCode(422);
        Auth.as(Auth.AUDITOR).get("/api/v1/products/RETIRE_CARD/history").then().statusCode(200)
                .body("event", equalTo(List.of("CREATED", "TESTED", "SUBMITTED", "APPROVED", "PUBLISHED", "RETIRED")))
                .body("find { it.event == 'APPROVED' }.details.acknowledgeNoSimulation", equalTo(true));
    }

    @Test
    void shouldStopALoopingRuleSetInTheTestRunAndRefuseToSubmitIt() {
        Factory.productCopiedFrom("LOOP_CARD", "FUNONG", 1);
        JsonPath draft = Factory.version("LOOP_CARD", 1);
        Map<String, String> files = new HashMap<>(draft.getMap("files"));
        files.put("LOOP_CARD/loop.drl", """
                package cn.ruralcredit.loanfactory.rules.loop;

                import cn.ruralcredit.loanfactory.rules.model.*;

                rule "LOOP: rescore forever"
                    ruleflow-group "scoring"
                when
                    $p : ScorePart( factor == "netAssets" )
                then
                    delete( $p );
                    insert( new ScorePart( "netAssets", $p.getPoints() ) );
                end
                """);
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", draft.getLong("lockVersion"), "files", files))
                .put(versions("LOOP_CARD") + "/1").then().statusCode(200);
        Auth.as(MANAGER).post(versions("LOOP_CARD") + "/1/validate").then().statusCode(200).body("valid", equalTo(true));
        JsonPath run = Auth.as(MANAGER).post(versions("LOOP_CARD") + "/1/test-runs").then().statusCode(201)
                .body("failed", greaterThan(0)).extract().jsonPath();
        // every case that gets past eligibility scores net assets and is stopped; the stored run says so
        Auth.as(MANAGER).get(versions("LOOP_CARD") + "/1/test-runs/" + run.getLong("id")).then().statusCode(200)
                .body("cases.find { it.scenario == '01-api-example' }.differences[0].field", equalTo("evaluation"))
                .body("cases.find { it.scenario == '01-api-example' }.differences[0].actual", containsString("fired more than"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions("LOOP_CARD") + "/1/submit").then()
                .statusCode(422).body("errors.field", hasItem("scenarios/01-api-example"));
    }

    @Test
    void shouldDiffTwoVersionsFileByFileWithTheirScenarioResultsSideBySide() {
        Factory.productCopiedFrom("DIFF_CARD", "FUNONG", 1);
        int v2 = Factory.draftFrom("DIFF_CARD", 1).getInt("version");
        Factory.replaceInFile("DIFF_CARD", v2, "FUNONG/grading.drl", G4_V1, G4_V1.replace("100000", "150000"));
        Auth.as(Auth.AUDITOR).get("/api/v1/products/DIFF_CARD/diff?from=1&to=" + v2).then().statusCode(200)
                .body("from.version", equalTo(1)).body("to.version", equalTo(v2))
                .body("files.find { it.path == 'FUNONG/grading.drl' }.change", equalTo("MODIFIED"))
                .body("files.find { it.path == 'FUNONG/grading.drl' }.linesAdded", equalTo(1))
                .body("files.find { it.path == 'FUNONG/grading.drl' }.linesRemoved", equalTo(1))
                .body("files.find { it.path == 'common/outcome.drl' }.change", equalTo("UNCHANGED"))
                .body("unifiedDiff", containsString("--- v1/FUNONG/grading.drl\n+++ v" + v2 + "/FUNONG/grading.drl\n"))
                .body("unifiedDiff", containsString("\n-    " + G4_V1 + "\n+    " + G4_V1.replace("100000", "150000") + "\n"))
                .body("summary.total", equalTo(53))
                .body("summary.passedFrom", equalTo(53))
                .body("summary.passedTo", equalTo(53 - ProductFactoryWalkThroughTest.FAILING_AFTER_RAISE.size()))
                .body("summary.changed", equalTo(ProductFactoryWalkThroughTest.FAILING_AFTER_RAISE.size()))
                .body("scenarios.findAll { it.changed }.scenario",
                        containsInAnyOrder(ProductFactoryWalkThroughTest.FAILING_AFTER_RAISE.toArray()))
                .body("scenarios.find { it.scenario == '01-api-example' }.to.passed", equalTo(true));
        Auth.as(Auth.AUDITOR).get("/api/v1/products/DIFF_CARD/diff?to=1").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        Auth.as(Auth.AUDITOR).get("/api/v1/products/DIFF_CARD/diff?from=1&to=99").then().statusCode(404);
    }

    @Test
    void shouldRefuseAForbiddenConstructAtValidationNamingItsLineAndKeepItFromReview() {
        Factory.productCopiedFrom("SANDBOX_CARD", "FUNONG", 1);
        JsonPath draft = Factory.version("SANDBOX_CARD", 1);
        Map<String, String> files = new HashMap<>(draft.getMap("files"));
        files.put("SANDBOX_CARD/exit.drl", """
                package cn.ruralcredit.loanfactory.rules.sandboxcard;

                import cn.ruralcredit.loanfactory.rules.model.*;

                rule "SANDBOX: stop the service"
                    ruleflow-group "terms"
                when
                then
                    System.exit( 1 );
                end
                """);
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", draft.getLong("lockVersion"), "files", files))
                .put(versions("SANDBOX_CARD") + "/1").then().statusCode(200);
        Auth.as(MANAGER).post(versions("SANDBOX_CARD") + "/1/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems[0].kind", equalTo("SANDBOX"))
                .body("problems[0].file", equalTo("SANDBOX_CARD/exit.drl"))
                .body("problems[0].line", equalTo(9))
                .body("problems[0].column", equalTo(12))
                .body("problems[0].message", equalTo("rule \"SANDBOX: stop the service\" calls java.lang.System.exit(int),"
                        + " which is not on the rule guard's allowlist"));
        Auth.as(MANAGER).post(versions("SANDBOX_CARD") + "/1/test-runs").then().statusCode(422)
                .body("errors[0].field", equalTo("SANDBOX_CARD/exit.drl:9:12"));
        Auth.as(MANAGER).contentType(ContentType.JSON).body("{}").post(versions("SANDBOX_CARD") + "/1/submit").then()
                .statusCode(422);
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10, journey 2: an approver opens the review queue, sees the diff of a version in review
 * against the version in force, simulates it and reads the report, approves and publishes it
 * effective today, and the product page shows it in force. And journey 5's part for product
 * managers: no approve or publish control, and the API refuses the approval forced from their
 * browser session.
 * <p>
 * The product is a copy of FUNONG (with its own scenario suite), not FUNONG itself: the tests share
 * one database per run, and other tests rely on FUNONG's version 1 being the one in force.
 */
@QuarkusTest
class ApproverJourneyTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String GRADING = "FUNONG/grading.drl";
    private static final String G1_ROW = "accumulate( ScorePart( $p : points ); $score : sum( $p ); $score >= 35 )";
    private static final String DECLINE_ROW = "accumulate( ScorePart( $p : points ); $score : sum( $p ); $score < 35 )";
    private static final List<String> OUTCOMES = List.of("APPROVED", "REFERRED", "DECLINED");
    private static final List<String> AFTER = List.of("APPROVED", "REFERRED", "DECLINED", "ERROR");
    /** For what runs the suite or a simulation on the server (ms). */
    private static final double SLOW = 90_000;

    @TestHTTPResource("/admin/")
    URL admin;

    /**
     * The set-up submits drafts, which runs their suite in a fresh rule worker (a compilation each):
     * on a loaded machine that takes longer than the test client's default 30 s.
     */
    @BeforeEach
    void patientClient() {
        RestAssured.config = RestAssured.config().httpClient(RestAssured.config().getHttpClientConfig()
                .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByRoleOptions exactly(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    /** A FUNONG request for {@code code}, decided today. */
    private static Requests applicant(String code) {
        return Requests.apiExample().set("productCode", code).set("asOfDate", null);
    }

    /** Score 48: G1, approved; declined once the threshold is 50. */
    private static Requests g1(String code) {
        return applicant(code).set("applicant.annualIncome", 70000).set("applicant.annualExpenses", 40000)
                .set("applicant.totalAssets", 150000).set("applicant.totalLiabilities", 50000)
                .set("applicant.avgDepositBalance12m", 5000);
    }

    private static void decide(Requests request) {
        Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions").then().statusCode(200);
    }

    /**
     * {@code code}: a copy of FUNONG v1 published today, four decisions under it (two of them G1),
     * and a draft v2 by the manager raising the score threshold from 35 to 50, its suite's
     * expectations updated to the new results, submitted. Returns the version in review.
     */
    private static int versionInReview(String code) {
        Factory.productCopiedFrom(code, "FUNONG", 1);
        Factory.submitApprovePublish(code, 1, TODAY);
        decide(applicant(code));
        decide(g1(code));
        decide(g1(code).set("application.requestedAmount", 30000));
        decide(applicant(code).set("applicant.committeeRating", "POOR"));
        int draft = Factory.draftFrom(code, 1).getInt("version");
        Factory.replaceInFile(code, draft, GRADING, G1_ROW, G1_ROW.replace("35", "50"));
        Factory.replaceInFile(code, draft, GRADING, DECLINE_ROW, DECLINE_ROW.replace("35", "50"));
        Factory.acceptNewResults(code, draft);
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(Map.of("comment", "门槛提高到 50 分"))
                .post(Factory.versions(code) + "/" + draft + "/submit").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
        return draft;
    }

    @Test
    void shouldReviewSimulateApproveAndPublishFromTheQueue() {
        String code = "J2_FUNONG";
        int version = versionInReview(code);
        String review = "审阅 " + code + " v" + version;

        try (Workspace w = Workspace.open(admin, "approver-journey")) {
            w.signIn(Auth.APPROVER);
            w.page.getByRole(AriaRole.NAVIGATION, named("主菜单")).getByRole(AriaRole.LINK, exactly("审批队列")).click();
            Locator row = w.page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(code));
            assertThat(row).containsText("v" + version);
            assertThat(row).containsText("审批中");
            w.shot("review-queue");

            // the diff against the version in force: the changed line on both sides
            row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(review)).click();
            Locator panel = w.page.getByRole(AriaRole.REGION, named(review));
            Locator diff = panel.getByTestId("version-diff");
            // the diff runs the suite on both versions: give it the time a loaded machine takes
            assertThat(diff.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(GRADING)))
                    .containsText("修改", new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW));
            assertThat(diff.locator(".cm-merge-a .cm-changedLine")
                    .filter(new Locator.FilterOptions().setHasText(G1_ROW)).first()).isVisible();
            assertThat(diff.locator(".cm-merge-b .cm-changedLine")
                    .filter(new Locator.FilterOptions().setHasText(G1_ROW.replace("35", "50"))).first()).isVisible();
            assertThat(diff.getByTestId("suite-summary")).containsText("v1 通过");
            w.shot("diff");

            // no simulation yet: the approval would need an acknowledgement, so simulate
            assertThat(panel.getByLabel("我确认：没有模拟覆盖这个版本，仍然批准")).isVisible();
            assertThat(panel.getByText("这个版本还没有模拟。")).isVisible();
            panel.getByRole(AriaRole.BUTTON, exactly("批准")).click();
            assertThat(panel.getByRole(AriaRole.ALERT)).containsText("acknowledgeNoSimulation");
            assertThat(panel.getByText("请勾选上面的确认项，或先做一次模拟")).isVisible();
            w.shot("approval-needs-a-simulation");
            panel.getByRole(AriaRole.BUTTON, exactly("开始模拟")).click();
            Locator report = panel.getByTestId("simulation-report");
            assertThat(report.getByTestId("transition-matrix")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(SLOW));

            JsonPath detail = Auth.as(Auth.APPROVER).get(Factory.versions(code) + "/" + version).then().statusCode(200)
                    .extract().jsonPath();
            String id = detail.getString("latestSimulation.id");
            assertEquals(true, detail.getBoolean("latestSimulation.coversApproval"));
            JsonPath simulation = Auth.as(Auth.APPROVER).get(Factory.versions(code) + "/" + version + "/simulations/" + id)
                    .then().statusCode(200).body("status", equalTo("DONE")).extract().jsonPath();
            assertThat(report.getByTestId("sim-total")).hasText(String.valueOf(simulation.getInt("report.total")));
            assertThat(report.getByTestId("sim-changed")).hasText(String.valueOf(simulation.getInt("report.changed")));
            assertEquals(2, simulation.getInt("report.transitions.APPROVED.DECLINED"), simulation::prettify);
            Locator matrix = report.getByTestId("transition-matrix");
            for (String before : OUTCOMES) {
                for (String after : AFTER) {
                    assertThat(matrix.locator("td[data-before='" + before + "'][data-after='" + after + "']"))
                            .hasText(String.valueOf(simulation.getInt("report.transitions." + before + "." + after)));
                }
            }
            assertThat(panel.getByText("这次模拟覆盖本版本，可直接批准。")).isVisible();
            w.shot("simulation-report");

            // covered now: approve without the acknowledgement, then publish effective today
            assertThat(panel.getByLabel("我确认：没有模拟覆盖这个版本，仍然批准")).hasCount(0);
            panel.getByLabel("审批意见").fill("模拟结果可接受");
            panel.getByRole(AriaRole.BUTTON, exactly("批准")).click();
            Locator approved = w.page.getByRole(AriaRole.REGION, named(review));
            assertThat(approved.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName(code + " v" + version))).containsText("已批准", new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW));
            assertThat(approved.getByLabel("生效日期")).hasValue(TODAY.toString());
            w.shot("approved");
            approved.getByRole(AriaRole.BUTTON, exactly("发布")).click();
            assertThat(w.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("已发布")))
                    .containsText("v" + version + " 已发布，自 " + TODAY + " 起生效", new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW));
            w.shot("published");

            Auth.as(Auth.APPROVER).get("/api/v1/products/" + code).then().statusCode(200)
                    .body("inForce.version", equalTo(version)).body("inForce.effectiveFrom", equalTo(TODAY.toString()));
            w.go("/products/" + code);
            assertThat(w.page.getByTestId("in-force")).hasText("v" + version + " · " + TODAY);
            w.shot("product-in-force");
        }
    }

    @Test
    void shouldShowTheFourEyesRefusalWhenAnApproverApprovesTheirOwnVersion() {
        String code = "J2_LEAD_CARD";
        Factory.productCopiedFrom(code, "FUNONG", 1);
        // lead (product manager and approver) writes and submits a version himself
        int own = Auth.as(Auth.LEAD).contentType(ContentType.JSON).body(Map.of("copyFrom", Map.of("version", 1)))
                .post(Factory.versions(code)).then().statusCode(201).extract().path("version");
        Auth.as(Auth.LEAD).contentType(ContentType.JSON).body("{}").post(Factory.versions(code) + "/" + own + "/submit")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        String review = "审阅 " + code + " v" + own;

        try (Workspace w = Workspace.open(admin, "four-eyes")) {
            w.signIn(Auth.LEAD);
            w.go("/reviews");
            w.page.getByRole(AriaRole.LINK, named(review)).click();
            Locator panel = w.page.getByRole(AriaRole.REGION, named(review));
            panel.getByLabel("我确认：没有模拟覆盖这个版本，仍然批准").check();
            panel.getByRole(AriaRole.BUTTON, exactly("批准")).click();
            assertThat(panel.getByRole(AriaRole.ALERT)).containsText("无权执行此操作");
            assertThat(panel.getByRole(AriaRole.ALERT)).containsText("you wrote, edited or submitted version " + own);
            assertThat(panel.getByText("四眼原则")).isVisible();
            w.shot("own-version-refused");
        }
        Auth.as(Auth.APPROVER).get(Factory.versions(code) + "/" + own).then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
    }

    @Test
    void shouldShowAProductManagerNoApproverControlAndRefuseTheForcedApproval() {
        String code = "J2_PM_CARD";
        int version = 1;
        Factory.productCopiedFrom(code, "FUNONG", version);
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body("{}").post(Factory.versions(code) + "/" + version + "/submit")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        String approve = Factory.versions(code) + "/" + version + "/approve";

        try (Workspace w = Workspace.open(admin, "manager-no-approval")) {
            w.signIn(Auth.MANAGER);
            assertThat(w.page.getByRole(AriaRole.NAVIGATION, named("主菜单")).getByRole(AriaRole.LINK, exactly("审批队列"))).hasCount(0);
            w.go("/reviews");
            assertThat(w.page.getByRole(AriaRole.ALERT)).containsText("您的角色不能打开这个页面");
            assertThat(w.page.getByRole(AriaRole.BUTTON, named("批准"))).hasCount(0);
            w.shot("review-queue-forbidden");

            w.go("/products/" + code);
            assertThat(w.page.locator(".timeline-item[data-version='" + version + "']")).containsText("审批中");
            assertThat(w.page.getByTestId("approver-actions")).hasCount(0);
            assertThat(w.page.getByRole(AriaRole.BUTTON, named("批准"))).hasCount(0);
            assertThat(w.page.getByRole(AriaRole.BUTTON, named("发布"))).hasCount(0);
            w.shot("product-page-no-controls");

            // forced from the manager's own browser session, with its CSRF token: refused by role
            Object status = w.page.evaluate("async (path) => {"
                    + " const session = await (await fetch('/api/v1/session', { headers: { 'X-Requested-With': 'loanfactory-admin' } })).json();"
                    + " const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: {"
                    + "   'Content-Type': 'application/json', 'X-Requested-With': 'loanfactory-admin', 'X-CSRF-Token': session.csrfToken },"
                    + "   body: JSON.stringify({ comment: 'forced', acknowledgeNoSimulation: true }) });"
                    + " return r.status; }", approve);
            assertEquals(403, ((Number) status).intValue());
        }
        Auth.as(Auth.APPROVER).get(Factory.versions(code) + "/" + version).then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URL;
import java.text.DecimalFormat;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, journey 4 (and the masking of journey 5): a decision made through the API with the
 * channel key is found by an auditor with the search filters, opened (the values the API returned,
 * the notice that the read is logged), replayed (match), and the decision log shows intact.
 */
@QuarkusTest
class AuditorJourneyTest {
    private static final Map<String, String> OUTCOME_ZH = Map.of("APPROVED", "批准", "DECLINED", "拒绝", "REFERRED", "转人工审批");

    @TestHTTPResource("/admin/")
    URL admin;

    private static String yuan(String amount) {
        return "¥" + new DecimalFormat("#,##0.##").format(new BigDecimal(amount));
    }

    private static String readAll(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String percent(String rate) {
        return new BigDecimal(rate).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString() + "%";
    }

    @Test
    void shouldFindOpenAndReplayADecisionAndSeeTheLogIntact() {
        Requests request = Requests.apiExample();
        String fullId = request.json().path("applicant").path("idNumber").asText();
        JsonPath decided = Auth.channel().contentType(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
        String decisionId = decided.getString("decisionId");
        String outcome = decided.getString("outcome");
        String limit = yuan(decided.getString("creditLimit"));
        String rate = percent(decided.getString("annualRatePct"));
        String masked = fullId.substring(0, 6) + "********" + fullId.substring(14);

        try (Workspace w = Workspace.open(admin, "auditor")) {
            w.signIn("auditor");
            Locator menu = w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"));
            menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("决策查询")).click();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("决策查询"))).isVisible();
            w.shot("search");

            w.page.getByLabel("产品", new Page.GetByLabelOptions().setExact(true)).selectOption("FUNONG");
            w.page.getByLabel("结果", new Page.GetByLabelOptions().setExact(true)).selectOption(outcome);
            w.page.getByLabel("请求编号").fill(request.requestId());
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
            assertThat(w.page).hasURL(Pattern.compile(".*[?&]requestId=" + request.requestId() + "(&.*)?$")); // test-<uuid>: nothing to escape (the pattern runs as a JS RegExp)
            Locator table = w.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("决策列表"));
            Locator row = table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(request.requestId()));
            assertThat(row).hasCount(1);
            assertThat(table.locator("caption")).containsText("共 1 条决策");
            assertThat(row).containsText(masked);
            assertThat(row).containsText(limit);
            assertThat(row).containsText(rate);
            assertThat(row).containsText(OUTCOME_ZH.get(outcome));
            assertFalse(w.page.locator("main").innerText().contains(fullId), "the full ID number is not in the list");
            w.shot("found-masked");

            // the current filter exported as CSV: one decision, masked
            com.microsoft.playwright.Download csv = w.page.waitForDownload(
                    () -> w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("导出 CSV")).click());
            assertTrue(csv.suggestedFilename().matches("decisions-.*\\.csv"), csv.suggestedFilename());
            String exported = readAll(csv.path());
            assertTrue(exported.contains(request.requestId()) && exported.contains(masked) && !exported.contains(fullId), exported);
            assertThat(w.page.getByText("本次导出已记入个人信息访问日志")).isVisible();

            // the filters survive a reload (they are in the address)
            w.page.reload();
            assertThat(w.page.getByLabel("请求编号")).hasValue(request.requestId());
            assertThat(row).hasCount(1);

            row.getByRole(AriaRole.LINK).click();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("决策 " + decisionId))).isVisible();
            assertThat(w.page.getByTestId("logged-notice")).containsText("本次查看已记入个人信息访问日志");
            assertThat(w.page.getByTestId("outcome")).hasText(OUTCOME_ZH.get(outcome));
            assertThat(w.page.getByTestId("limit")).hasText(limit);
            assertThat(w.page.getByTestId("rate")).hasText(rate);
            assertThat(w.page.getByTestId("lpr")).hasText(percent(decided.getString("lprPct")));
            assertThat(w.page.getByTestId("sha256")).hasText(decided.getString("ruleSet.sha256"));
            assertThat(w.page.getByTestId("version-link")).hasAttribute("href",
                    "#/products/FUNONG/versions/" + decided.getInt("ruleSet.version"));
            assertThat(w.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("申请内容（按评估时的原样）")))
                    .containsText(fullId);
            w.shot("decision-logged-read");

            // the read the page said was logged is in the access log
            int reads = Auth.as(Auth.AUDITOR).queryParam("decisionId", decisionId).when().get("/api/v1/audit/personal-data-reads")
                    .then().statusCode(200).extract().jsonPath().getInt("totalItems");
            assertTrue(reads >= 1, "the auditor's read is in the personal-data access log");

            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("重放")).click();
            assertThat(w.page.getByTestId("replay-verdict")).containsText("一致 / match");
            assertThat(w.page.getByTestId("replay-verdict")).hasClass(Pattern.compile("\\bok\\b"));
            w.shot("replayed-match");

            menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("审计")).click();
            assertThat(w.page.getByTestId("verify-result")).hasText("完整：日志未被篡改");
            // the sealer runs every second in tests; verification seals what is pending, so the decision is sealed
            assertThat(w.page.getByTestId("verify-unsealed")).hasText("0");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("立即校验")).click();
            assertThat(w.page.getByTestId("verify-result")).hasText("完整：日志未被篡改");
            w.page.getByLabel("决策编号").fill(decisionId);
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
            assertThat(w.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("个人信息访问日志"))
                    .getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(decisionId)).first())
                    .containsText("查看单条决策（完整信息）");
            w.shot("audit-intact");
        }

        // a replay campaign over today's FUNONG decisions: started, followed to the end, its report downloadable
        try (Workspace w = Workspace.open(admin, "auditor-replay-campaign")) {
            w.signIn("auditor");
            w.go("/replays");
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
            Locator start = w.page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("发起重放批次"));
            start.getByLabel("产品").selectOption("FUNONG");
            start.getByLabel("决策日期从").fill(today);
            start.getByLabel("决策日期至").fill(today);
            start.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("开始重放")).click();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^重放批次 [0-9A-Z]{26}$")))).isVisible();
            assertThat(w.page.getByRole(AriaRole.PROGRESSBAR)).isVisible();
            w.shot("campaign-started");
            // the page polls while it runs; other test classes' decisions of today may be in it too
            assertThat(w.page.getByTestId("replay-status")).hasText("已完成",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(120_000));
            assertThat(w.page.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow",
                    w.page.getByRole(AriaRole.PROGRESSBAR).getAttribute("aria-valuemax"));
            com.microsoft.playwright.Download report = w.page.waitForDownload(
                    () -> w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下载报告（CSV）")).click());
            assertTrue(readAll(report.path()).startsWith("decisionId,result,field,original,replayed"), "the report's CSV header");
            w.shot("campaign-done");
        }

        try (Workspace w = Workspace.open(admin, "auditor-tablet", 768, 1024)) {
            w.signIn("auditor");
            w.go("/decisions?requestId=" + request.requestId());
            assertThat(w.page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(request.requestId())))
                    .containsText(masked);
            w.shot("search-768");
            w.go("/decisions/" + decisionId);
            assertThat(w.page.getByTestId("limit")).hasText(limit);
            w.shot("decision-768");
        }
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.StoredRows;
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
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10, journey 3: "Try a decision" answers what the API answers for the same request (the
 * version in force today, its sha256, limit, rate, reasons), stores nothing; and the offers page
 * shows the ranked offers of POST /api/v1/offers.
 */
@QuarkusTest
class TryDecisionJourneyTest {
    private static final DecimalFormat YUAN = new DecimalFormat("¥#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));

    @TestHTTPResource("/admin/")
    URL admin;

    static String money(BigDecimal value) {
        return YUAN.format(value);
    }

    static String pct(float value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }

    @Test
    void shouldGiveTheAnswerTheApiGivesAndStoreNothing() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        try (Workspace w = Workspace.open(admin, "try-decision")) {
            w.signIn("manager");
            w.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("试算")).click();
            // the form starts with the API.md example; evaluated today, on the version in force today
            w.page.getByLabel("评估日期").fill(today);
            w.page.getByLabel("年收入（元）").fill("150000");
            w.shot("form");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("试算").setExact(true)).click();
            Locator result = w.page.getByTestId("trial-result");
            assertThat(result).isVisible();

            String requestId = "ui-try-" + System.nanoTime();
            JsonPath api = Auth.channel().contentType(ContentType.JSON)
                    .body(Requests.apiExample().set("requestId", requestId).set("asOfDate", today)
                            .set("applicant.annualIncome", 150000).toString())
                    .post("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
            assertThat(result.getByTestId("outcome")).hasText(switch (api.getString("outcome")) {
                case "APPROVED" -> "批准";
                case "REFERRED" -> "转人工审批";
                default -> "拒绝";
            });
            assertThat(result.getByTestId("tier")).containsText(api.getString("tier.code"));
            assertThat(result.getByTestId("credit-limit")).hasText(money(new BigDecimal(api.getString("creditLimit"))));
            assertThat(result.getByTestId("annual-rate")).hasText(pct(api.getFloat("annualRatePct")));
            assertThat(result.getByTestId("lpr")).hasText(pct(api.getFloat("lprPct")));
            assertThat(result.getByTestId("rule-set-version"))
                    .containsText("FUNONG v" + api.getInt("ruleSet.version"));
            assertThat(result.getByTestId("rule-set-version")).containsText(api.getString("ruleSet.sha256"));
            for (String message : api.<String>getList("reasons.message")) assertThat(result).containsText(message);
            assertThat(result).containsText("试算结果不保存");
            // the stages in Chinese, each fired rule under one of them
            assertThat(result.getByText("定级", new Locator.GetByTextOptions().setExact(true))).isVisible();
            assertThat(result.getByText(api.<String>getList("firedRules").get(0), new Locator.GetByTextOptions().setExact(true)))
                    .isVisible();
            w.shot("result");
            assertEquals(0, StoredRows.decisionsWithRequestId("trial"), "a trial stores no decision");
        }
    }

    @Test
    void shouldShowTheRankedOffersOfTheApi() {
        try (Workspace w = Workspace.open(admin, "offers")) {
            w.signIn("approver");
            w.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("一选多")).click();
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("匹配产品")).click();
            JsonPath api = Auth.channel().contentType(ContentType.JSON)
                    .body(Requests.apiExample().set("productCode", null).toString())
                    .post("/api/v1/offers").then().statusCode(200).extract().jsonPath();
            Locator offers = w.page.getByTestId("offer");
            assertThat(offers).hasCount(api.getList("offers").size());
            for (int i = 0; i < api.getList("offers").size(); i++) {
                assertThat(offers.nth(i)).containsText(api.getString("offers[" + i + "].productCode"));
                assertThat(offers.nth(i)).containsText(money(new BigDecimal(api.getString("offers[" + i + "].creditLimit"))));
                assertThat(offers.nth(i)).containsText(pct(api.getFloat("offers[" + i + "].annualRatePct")));
            }
            w.shot("offers");
        }
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, the admin's pages: a user created with a role (the password policy's message shown
 * first), roles changed and the user disabled; a channel key issued — shown once, gone after a
 * reload — that works until it is revoked; an LPR entry added (a backdated one refused readably).
 */
@QuarkusTest
class AdminJourneyTest {
    @TestHTTPResource("/admin/")
    URL admin;

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void shouldCreateAUserIssueAndRevokeAKeyAndAddAnLpr() {
        int n = ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String username = "ui-user-" + n;
        String channel = "UI_CHANNEL_" + n;
        try (Workspace w = Workspace.open(admin, "admin")) {
            w.signIn("admin");
            Locator menu = w.page.getByRole(AriaRole.NAVIGATION, named("主菜单"));
            assertThat(w.page.getByRole(AriaRole.HEADING, named("员工用户"))).isVisible();
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("产品"))).hasCount(0);
            w.shot("users");

            // a user with a role; a short password first: the API's message is shown with the field named
            w.page.getByRole(AriaRole.BUTTON, named("新建用户")).click();
            Locator form = w.page.getByRole(AriaRole.FORM, named("新建用户"));
            form.getByLabel("用户名").fill(username);
            form.getByLabel("初始密码").fill("too-short");
            form.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("审计员")).check();
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("创建用户")).click();
            assertThat(form.getByRole(AriaRole.ALERT)).containsText("password");
            assertThat(form.getByRole(AriaRole.ALERT)).containsText("must have at least 12 characters other than spaces");
            w.shot("password-refused");
            form.getByLabel("初始密码").fill("a-long-enough-passphrase");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("创建用户")).click();
            assertThat(w.page.getByText("已创建用户 " + username)).isVisible();
            Locator userRow = w.page.locator("tr[data-username='" + username + "']");
            assertThat(userRow).containsText("审计员");
            assertThat(userRow).containsText("在用");
            assertEquals(List.of("AUDITOR"), Auth.as(Auth.ADMIN).when().get("/api/v1/admin/users").then().statusCode(200)
                    .extract().jsonPath().getList("find { it.username == '" + username + "' }.roles", String.class));

            userRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("修改角色 " + username)).click();
            userRow.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("产品经理")).check();
            userRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("保存角色")).click();
            assertThat(userRow).containsText("产品经理");
            assertThat(userRow).containsText("审计员");
            w.page.onceDialog(d -> d.accept());
            userRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("停用 " + username)).click();
            assertThat(userRow).containsText("已停用");
            assertThat(userRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("启用 " + username))).isVisible();
            w.shot("user-created-and-disabled");

            // a channel key: shown once, with the warning; it works; after a reload it is not shown again
            menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("渠道密钥")).click();
            w.page.getByLabel("渠道代码").fill(channel);
            w.page.getByRole(AriaRole.BUTTON, named("签发")).click();
            Locator shown = w.page.getByTestId("new-key");
            assertThat(shown).isVisible();
            assertThat(w.page.getByText("离开或刷新此页后将无法再次查看")).isVisible();
            assertThat(w.page.getByRole(AriaRole.BUTTON, named("复制密钥"))).isVisible();
            String key = shown.innerText().trim();
            assertTrue(key.startsWith("lf-"), key);
            w.shot("key-shown-once");
            Requests request = Requests.apiExample();
            given().header("X-Api-Key", key).contentType(ContentType.JSON).body(request.toString())
                    .when().post("/api/v1/decisions").then().statusCode(200);

            w.page.reload();
            Locator keyRow = w.page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(channel));
            assertThat(keyRow).containsText("有效");
            assertThat(shown).hasCount(0);
            assertFalse(w.page.content().contains(key), "the key is not shown again");
            w.page.onceDialog(d -> d.accept());
            keyRow.getByRole(AriaRole.BUTTON).click();
            assertThat(keyRow).containsText("已吊销");
            w.shot("key-revoked");
            given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Requests.apiExample().toString())
                    .when().post("/api/v1/decisions").then().statusCode(401);

            // market rates: a backdated entry is refused readably, a future one is added
            menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("市场利率")).click();
            Locator rateForm = w.page.getByRole(AriaRole.FORM, named("新增利率"));
            rateForm.getByLabel("生效日期").fill("2020-01-01");
            rateForm.getByLabel("利率（%）").fill("3.33");
            rateForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("新增")).click();
            assertThat(rateForm.getByRole(AriaRole.ALERT)).containsText("a market rate cannot take effect in the past");
            assertThat(rateForm.getByRole(AriaRole.ALERT)).containsText("effectiveFrom");
            assertThat(rateForm.getByTestId("backdated")).containsText("不能倒签");
            w.shot("backdated-rate-refused");
            // far in the future, so that no other test's decision is priced from it
            LocalDate from = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(60).plusDays(n % 300);
            rateForm.getByLabel("生效日期").fill(from.toString());
            rateForm.getByLabel("利率（%）").fill("3.33");
            rateForm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("新增")).click();
            assertThat(w.page.getByText("已新增：" + from + " 起 3.33%")).isVisible();
            Locator rateRow = w.page.getByRole(AriaRole.TABLE, named("市场利率（LPR）")).getByRole(AriaRole.ROW)
                    .filter(new Locator.FilterOptions().setHasText(from.toString()));
            assertThat(rateRow).containsText("3.33%");
            assertThat(rateRow).containsText("admin");
            w.shot("rate-added");
        }
    }
}

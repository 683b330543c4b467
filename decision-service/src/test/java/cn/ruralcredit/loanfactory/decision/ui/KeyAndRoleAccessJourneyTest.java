package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, journey 5 (in part): a channel key does not open the workspace — a browser sending
 * X-Api-Key on every request still sees the sign-in page and the staff API refuses it — and an
 * auditor's menu has no admin page, while a forced address of one says it is forbidden.
 */
@QuarkusTest
class KeyAndRoleAccessJourneyTest {
    @TestHTTPResource("/admin/")
    URL admin;

    private static int status(Page page, String method, String path) {
        Object s = page.evaluate("([m, p]) => fetch(p, { method: m, headers: { 'X-Requested-With': 'loanfactory-admin' } })"
                + ".then(r => r.status)", java.util.List.of(method, path));
        return ((Number) s).intValue();
    }

    @Test
    void shouldNotOpenTheWorkspaceWithAChannelKey() {
        try (Workspace w = Workspace.open(admin, "access-channel-key")) {
            w.page.context().setExtraHTTPHeaders(Map.of("X-Api-Key", Auth.DEMO_CHANNEL_KEY));
            w.page.reload();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            assertThat(w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"))).hasCount(0);
            w.shot("sign-in-page-with-a-channel-key");

            int session = status(w.page, "GET", "/api/v1/session");
            assertTrue(session == 401 || session == 403, "a channel key has no staff session: " + session);
            assertEquals(403, status(w.page, "GET", "/api/v1/decisions"), "a channel key cannot search decisions");
            assertEquals(403, status(w.page, "GET", "/api/v1/products"), "a channel key cannot read the products");
            assertEquals(403, status(w.page, "GET", "/api/v1/admin/users"), "a channel key cannot list users");

            w.go("/admin/users");
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工用户"))).hasCount(0);

            // a staff password does not open a session for a browser that sends a channel key
            w.page.getByLabel("用户名").fill("auditor");
            w.page.getByLabel("密码").fill("demo-auditor");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
            assertThat(w.page.getByRole(AriaRole.ALERT)).containsText("无权执行此操作");
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            assertThat(w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"))).hasCount(0);
            w.shot("sign-in-refused-with-a-channel-key");
        }
    }

    @Test
    void shouldNotLetAChannelKeyRideOnAStaffSession() {
        try (Workspace w = Workspace.open(admin, "access-key-on-session")) {
            w.signIn("auditor");
            assertEquals(200, status(w.page, "GET", "/api/v1/decisions"), "the auditor's session searches decisions");
            w.page.context().setExtraHTTPHeaders(Map.of("X-Api-Key", Auth.DEMO_CHANNEL_KEY));
            assertEquals(401, status(w.page, "GET", "/api/v1/decisions"), "the session with a channel key is refused");
            w.page.reload();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            assertThat(w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"))).hasCount(0);
            w.shot("session-with-a-channel-key-signed-out");
        }
    }

    @Test
    void shouldHideAdminPagesFromAnAuditorAndForbidAForcedAddress() {
        try (Workspace w = Workspace.open(admin, "access-auditor")) {
            w.signIn("auditor");
            Locator menu = w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"));
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("决策查询"))).isVisible();
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("审计"))).isVisible();
            for (String adminPage : new String[] {"用户", "渠道密钥", "市场利率"}) {
                assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(adminPage).setExact(true))).hasCount(0);
            }
            w.shot("auditor-menu");

            w.go("/admin/users");
            assertThat(w.page.getByRole(AriaRole.ALERT)).containsText("您的角色不能打开这个页面");
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工用户"))).hasCount(0);
            w.shot("admin-users-forbidden");
            w.go("/admin/keys");
            assertThat(w.page.getByRole(AriaRole.ALERT)).containsText("您的角色不能打开这个页面");
            // and the API refuses it anyway
            Auth.as(Auth.AUDITOR).when().get("/api/v1/admin/users").then().statusCode(403);
        }
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Signing in and out of the workspace, the products page, and the language switch (issue 10, journey 6). */
@QuarkusTest
class SignInJourneyTest {
    @TestHTTPResource("/admin/")
    URL admin;

    @Test
    void shouldSignInSeeTheProductsAndSignOut() {
        try (Workspace w = Workspace.open(admin, "sign-in")) {
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            w.shot("sign-in-page");
            w.page.getByLabel("用户名").fill("manager");
            w.page.getByLabel("密码").fill("wrong-password");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
            assertThat(w.page.getByRole(AriaRole.ALERT)).containsText("请先登录");
            w.shot("wrong-password");

            w.signIn("manager");
            assertThat(w.page).hasURL(Pattern.compile("#/products$"));
            assertThat(w.page.getByRole(AriaRole.ROW).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("FUNONG")))
                    .containsText("福农卡");
            w.shot("products");

            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("退出登录")).click();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
            w.page.reload();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("员工登录"))).isVisible();
        }
    }

    @Test
    void shouldKeepTheEnglishSwitchAcrossAReload() {
        try (Workspace w = Workspace.open(admin, "language")) {
            w.signIn("auditor");
            w.page.getByLabel("语言").first().selectOption("en");
            assertThat(w.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main menu"))).isVisible();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Products"))).isVisible();
            w.page.reload();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Products"))).isVisible();
            assertThat(w.page.locator("html")).hasAttribute("lang", "en");
            w.shot("english-after-reload");
            w.page.getByLabel("Language").first().selectOption("zh");
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("产品"))).isVisible();
        }
    }
}

package cn.ruralcredit.loanfactory.decision.ui;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, journey 1: a product manager changes FUNONG in the browser — a new draft, a DRL error
 * marked at its line, fixed; a scenario edited in the form to a wrong limit, the suite run showing
 * that case's differing field, the case fixed, the suite passing; a simulation started and its
 * report read; the draft submitted for review.
 * And the editor's safety nets: a stale save (409) offered a reload, and leaving with unsaved
 * changes asking first. Every value the page shows is compared with what the API returns.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class ProductManagerJourneyTest {
    private static final String CODE = "FUNONG";
    private static final String FILE = "FUNONG/limit.drl";
    private static final String CASE = "01-api-example";
    private static final String BROKEN = "this is not drl (";
    /** Validation, test runs and submission start a rule worker and compile: seconds, more on a busy machine. */
    private static final double SLOW = 120_000;

    @TestHTTPResource("/admin/")
    URL admin;

    private static Page.GetByRoleOptions name(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    private static Locator.GetByRoleOptions named(String name) {
        return new Locator.GetByRoleOptions().setName(name);
    }

    /** The 1-based number of the first line of {@code text} that starts with {@code prefix}. */
    private static int lineStarting(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) return i + 1;
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    /** The editor of the open tab: its content (labelled with the file's name). */
    private static Locator editor(Page page, String file) {
        return page.getByLabel("DRL 规则：" + file);
    }

    /** Puts the cursor at the start of line {@code line} of the open editor. */
    private static void goToLine(Page page, String file, int line) {
        editor(page, file).click();
        page.keyboard().press("Control+Home");
        for (int i = 1; i < line; i++) page.keyboard().press("ArrowDown");
        page.keyboard().press("Home");
    }

    private static JsonPath latestRun(int version) {
        String base = "/api/v1/products/" + CODE + "/versions/" + version + "/test-runs";
        long id = Auth.as(Auth.MANAGER).get(base).then().statusCode(200).extract().jsonPath().getLong("[0].id");
        return Auth.as(Auth.MANAGER).get(base + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static void editExpectedLimit(Page page, String limit) {
        page.getByRole(AriaRole.BUTTON, name("编辑 " + CASE).setExact(true)).click();
        Locator form = page.getByRole(AriaRole.FORM, name("编辑案例 " + CASE));
        assertThat(form).isVisible();
        assertThat(form.getByLabel("核对授信额度")).isChecked();
        form.getByLabel("预期授信额度（元）").fill(limit);
        form.getByRole(AriaRole.BUTTON, named("保存案例")).click();
        assertThat(page.getByText("已保存案例 " + CASE)).isVisible();
    }

    @Test
    void shouldChangeARuleAndACaseTestAndSubmitADraft() {
        try (Workspace w = Workspace.open(admin, "product-manager")) {
            Page page = w.page;
            w.signIn(Auth.MANAGER);
            page.getByRole(AriaRole.LINK, name(CODE).setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, name("福农卡 · FUNONG"))).isVisible();
            w.shot("product-page");

            // a new draft from the product page, copied from the version in force
            int inForce = Auth.as(Auth.MANAGER).get("/api/v1/products/" + CODE).then().statusCode(200)
                    .extract().jsonPath().getInt("inForce.version");
            Locator newDraft = page.getByRole(AriaRole.FORM, name("新建草稿"));
            assertThat(newDraft.getByLabel("复制自")).hasValue(String.valueOf(inForce));
            newDraft.getByLabel("说明").fill("journey 1");
            newDraft.getByRole(AriaRole.BUTTON, named("创建草稿")).click();
            assertThat(page).hasURL(Pattern.compile("#/products/FUNONG/versions/\\d+$"));
            Matcher m = Pattern.compile("versions/(\\d+)$").matcher(page.url());
            assertTrue(m.find());
            int version = Integer.parseInt(m.group(1));
            JsonPath draft = Factory.version(CODE, version);
            assertEquals("DRAFT", draft.getString("status"));
            assertEquals("manager", draft.getString("author"));
            assertThat(page.getByRole(AriaRole.HEADING, name("FUNONG 规则 · 版本 " + version))).isVisible();
            assertThat(page.getByTestId("version-status")).hasText("草稿");
            assertThat(page.getByTestId("lock-version")).hasText(String.valueOf(draft.getLong("lockVersion")));
            w.shot("editor-draft");

            // a DRL error, typed in FUNONG/limit.drl at the line of its first rule
            page.getByRole(AriaRole.TAB, name(FILE)).click();
            assertThat(page.getByRole(AriaRole.TAB, name(FILE))).hasAttribute("aria-selected", "true");
            String text = draft.getString("files.'" + FILE + "'");
            int line = lineStarting(text, "rule ");
            goToLine(page, FILE, line);
            page.keyboard().type(BROKEN + "\n");
            assertThat(page.getByTestId("cursor")).hasText("第 " + (line + 1) + " 行，第 1 列");
            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("有未保存的修改"))).isVisible();
            w.shot("drl-error-typed");

            page.getByRole(AriaRole.BUTTON, name("保存并校验")).click();
            assertThat(page.getByTestId("validation-summary")).hasText(Pattern.compile("^发现 \\d+ 个问题$"), new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            // what the API says of the content the page saved
            List<Map<String, Object>> problems = Auth.as(Auth.MANAGER).post("/api/v1/products/" + CODE + "/versions/" + version + "/validate")
                    .then().statusCode(200).extract().jsonPath().getList("problems");
            Map<String, Object> atLine = problems.stream().filter(p -> FILE.equals(p.get("file")) && ((Integer) p.get("line")) == line)
                    .findFirst().orElseThrow(() -> new AssertionError("the API reports no problem at line " + line + ": " + problems));
            assertEquals("COMPILE", atLine.get("kind"));
            assertThat(page.getByTestId("validation-summary")).hasText("发现 " + problems.size() + " 个问题");
            // listed beside the editor with its file and line …
            Locator listed = page.getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasText(FILE + " · 第 " + line + " 行"));
            assertThat(listed).containsText(String.valueOf(atLine.get("message")).split("\n")[0]);
            assertThat(listed).containsText("编译错误");
            // … and marked in the editor: the text underlined on that line, the gutter marker beside its number
            assertThat(page.locator(".cm-content .cm-line").nth(line - 1).locator(".cm-lintRange-error")).hasText("this");
            Locator marker = page.locator(".cm-gutter-lint .cm-gutterElement").filter(new Locator.FilterOptions()
                    .setHas(page.locator(".cm-lint-marker-error")));
            assertThat(marker).hasCount(1);
            Locator number = page.locator(".cm-lineNumbers .cm-gutterElement").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^" + line + "$")));
            assertEquals(number.boundingBox().y, marker.boundingBox().y, 1.0, "the lint marker is beside line " + line);
            assertThat(page.getByRole(AriaRole.TAB, name(FILE))).containsText(String.valueOf(
                    problems.stream().filter(p -> FILE.equals(p.get("file"))).count()));
            w.shot("drl-error-marked");
            page.setViewportSize(768, 1024);
            assertThat(listed).isVisible();
            w.shot("drl-error-marked-768px");
            page.setViewportSize(1280, 800);

            // clicking the listed problem goes to it, in its file's tab, with the editor focused
            page.getByRole(AriaRole.TAB, name("common/rate.drl")).click();
            listed.click();
            assertThat(page.getByRole(AriaRole.TAB, name(FILE))).hasAttribute("aria-selected", "true");
            assertThat(editor(page, FILE)).isFocused();
            assertThat(page.getByTestId("cursor")).containsText("第 " + line + " 行");
            w.shot("problem-clicked");

            // fixed: the broken line removed, validated clean
            goToLine(page, FILE, line);
            page.keyboard().press("Shift+ArrowDown");
            page.keyboard().press("Delete");
            assertThat(page.locator(".cm-content .cm-line").nth(line - 1)).containsText("rule ");
            page.getByRole(AriaRole.BUTTON, name("保存并校验")).click();
            assertThat(page.getByTestId("validation-summary")).hasText("校验通过：没有问题", new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertEquals(text, Factory.version(CODE, version).getString("files.'" + FILE + "'"));
            assertThat(page.locator(".cm-lint-marker-error")).hasCount(0);
            w.shot("drl-fixed-valid");

            // a scenario edited in the form: a wrong expected limit
            page.getByRole(AriaRole.LINK, name("运行测试案例")).click();
            assertThat(page.getByRole(AriaRole.HEADING, name("福农卡 · 测试案例"))).isVisible();
            Number limit = Auth.as(Auth.MANAGER).get("/api/v1/products/" + CODE + "/scenarios/" + CASE).then().statusCode(200)
                    .extract().jsonPath().get("expected.creditLimit");
            String right = String.valueOf(limit.longValue());
            String wrong = String.valueOf(limit.longValue() + 10_000);
            editExpectedLimit(page, wrong);
            assertEquals(Long.parseLong(wrong), ((Number) Auth.as(Auth.MANAGER).get("/api/v1/products/" + CODE + "/scenarios/" + CASE)
                    .then().extract().jsonPath().get("expected.creditLimit")).longValue());
            w.shot("case-edited-wrong-limit");

            // the suite on the draft: that case fails on creditLimit, expected vs actual as the API reports them
            Locator suite = page.getByRole(AriaRole.REGION, name("运行测试案例"));
            assertThat(suite.getByLabel("运行的版本")).hasValue(String.valueOf(version));
            suite.getByRole(AriaRole.BUTTON, named("运行测试")).click();
            assertThat(page.getByTestId("run-summary")).containsText(Pattern.compile("[1-9]\\d* 个未通过"), new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW));
            JsonPath run = latestRun(version);
            Map<String, Object> failed = run.getMap("cases.find { it.scenario == '" + CASE + "' }");
            assertEquals(false, failed.get("passed"));
            @SuppressWarnings("unchecked")
            List<Map<String, String>> differences = (List<Map<String, String>>) failed.get("differences");
            assertEquals(1, differences.size(), differences.toString());
            assertEquals("creditLimit", differences.get(0).get("field"));
            assertEquals(wrong, differences.get(0).get("expected"));
            assertEquals(right, differences.get(0).get("actual"));
            assertThat(page.getByTestId("run-summary")).containsText(run.getInt("passed") + " / " + run.getInt("total") + " 通过，"
                    + run.getInt("failed") + " 个未通过");
            Locator failedRow = page.getByRole(AriaRole.TABLE, name("测试结果")).getByRole(AriaRole.ROW)
                    .filter(new Locator.FilterOptions().setHasText(CASE));
            assertThat(failedRow).hasCount(1);
            assertThat(failedRow.getByRole(AriaRole.CELL)).hasText(new String[] {"未通过", "creditLimit（授信额度）", wrong, right});
            assertThat(page.getByRole(AriaRole.TABLE, name("福农卡 · 测试案例")).getByRole(AriaRole.ROW)
                    .filter(new Locator.FilterOptions().setHasText(CASE))).containsText("未通过");
            w.shot("suite-failed-case");

            // the case fixed, the suite run again: every case passes
            editExpectedLimit(page, right);
            suite.getByRole(AriaRole.BUTTON, named("运行测试")).click();
            assertThat(page.getByTestId("run-summary")).containsText("全部通过", new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW));
            JsonPath rerun = latestRun(version);
            assertEquals(rerun.getInt("total"), rerun.getInt("passed"));
            assertThat(page.getByTestId("run-summary")).containsText(rerun.getInt("total") + " / " + rerun.getInt("total") + " 通过，0 个未通过");
            assertThat(page.getByRole(AriaRole.TABLE, name("测试结果"))).hasCount(0);
            w.shot("suite-all-passed");

            // a simulation of the draft on the last 90 days of FUNONG decisions (one made just now, so
            // it is not empty): started on the version's simulations page, watched to its report
            Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                    .post("/api/v1/decisions").then().statusCode(200);
            w.go("/products/" + CODE + "/versions/" + version + "/simulations");
            page.getByRole(AriaRole.BUTTON, name("开始模拟").setExact(true)).click();
            Locator report = page.getByTestId("simulation-report");
            assertThat(report).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(SLOW));
            String simulationId = page.url().replaceFirst(".*/", "");
            JsonPath simulation = Auth.as(Auth.MANAGER).get(Factory.versions(CODE) + "/" + version + "/simulations/" + simulationId)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("DONE", simulation.getString("status"));
            assertTrue(simulation.getInt("report.total") >= 1, simulation::prettify);
            // counts as the page writes them, with thousands separators
            assertThat(report.getByTestId("sim-total")).hasText(String.format(java.util.Locale.ROOT, "%,d", simulation.getInt("report.total")));
            assertThat(report.getByTestId("sim-changed")).hasText(String.format(java.util.Locale.ROOT, "%,d", simulation.getInt("report.changed")));
            w.shot("simulation-report");

            // submitted for review from the editor
            w.go("/products/" + CODE + "/versions/" + version);
            assertThat(page.getByTestId("version-status")).hasText("草稿");
            page.getByRole(AriaRole.BUTTON, name("提交审批")).click();
            assertThat(page.getByTestId("version-status")).hasText("审批中", new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertEquals("IN_REVIEW", Factory.version(CODE, version).getString("status"));
            assertThat(page.getByText("只读：只有产品经理可以修改草稿状态的版本。")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, name("提交审批"))).hasCount(0);
            w.shot("submitted-in-review");
        }
    }

    @Test
    void shouldOfferAReloadOnAStaleSaveAndAskBeforeLeavingUnsavedChanges() {
        int version = Factory.draftFrom(CODE, 1).getInt("version");
        String route = "/products/" + CODE + "/versions/" + version;
        try (Workspace first = Workspace.open(admin, "stale-save"); Workspace second = Workspace.open(admin, "stale-save-second")) {
            for (Workspace w : List.of(first, second)) {
                w.signIn(Auth.MANAGER).go(route);
                assertThat(w.page.getByTestId("lock-version")).hasText("0");
                w.page.getByRole(AriaRole.TAB, name(FILE)).click();
                goToLine(w.page, FILE, 1);
            }
            first.page.keyboard().type("// the first manager's change\n");
            second.page.keyboard().type("// the second manager's change\n");

            first.page.getByRole(AriaRole.BUTTON, name("保存草稿")).click();
            assertThat(first.page.getByText("已保存（修订号 1）")).isVisible();
            assertThat(first.page.getByTestId("lock-version")).hasText("1");

            second.page.getByRole(AriaRole.BUTTON, name("保存草稿")).click();
            Locator conflict = second.page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("冲突"));
            assertThat(conflict).containsText("您的修改仍保留在编辑器中");
            assertThat(conflict).containsText("lockVersion 0, now 1");
            assertThat(editor(second.page, FILE)).containsText("// the second manager's change");
            second.shot("stale-save-409");

            conflict.getByRole(AriaRole.BUTTON, named("重新加载（放弃我的修改）")).click();
            assertThat(second.page.getByTestId("lock-version")).hasText("1");
            second.page.getByRole(AriaRole.TAB, name(FILE)).click();
            assertThat(editor(second.page, FILE)).containsText("// the first manager's change");
            assertThat(editor(second.page, FILE)).not().containsText("// the second manager's change");
            second.shot("reloaded");

            // leaving with unsaved changes asks; dismissing stays, accepting leaves
            Page page = first.page;
            goToLine(page, FILE, 1);
            page.keyboard().type("// not saved\n");
            AtomicReference<String> asked = new AtomicReference<>();
            page.onceDialog(d -> {
                asked.set(d.type() + ": " + d.message());
                d.dismiss();
            });
            page.getByRole(AriaRole.LINK, name("产品页")).click();
            assertThat(page.getByRole(AriaRole.HEADING, name("FUNONG 规则 · 版本 " + version))).isVisible();
            assertEquals("confirm: 规则有未保存的修改，离开后将丢失。确定离开吗？", asked.get());
            assertThat(editor(page, FILE)).containsText("// not saved");
            first.shot("leave-cancelled");

            page.onceDialog(Dialog::accept);
            page.getByRole(AriaRole.LINK, name("产品页")).click();
            assertThat(page.getByRole(AriaRole.HEADING, name("福农卡 · FUNONG"))).isVisible();
            assertEquals(1L, Factory.version(CODE, version).getLong("lockVersion"), "the unsaved change was not saved");
            first.shot("left-after-confirm");
        }
        Auth.as(Auth.MANAGER).delete("/api/v1/products/" + CODE + "/versions/" + version).then().statusCode(204);
    }
}

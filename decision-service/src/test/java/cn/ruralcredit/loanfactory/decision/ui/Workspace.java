package cn.ruralcredit.loanfactory.decision.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The workspace at /admin in a real headless Chromium (Debian's {@code chromium}, which
 * {@code ./test} installs with a CJK font). One browser per test JVM; each {@link #open} is a
 * fresh browser context (its own cookies and storage) at 1280×800, zh-CN, Asia/Shanghai.
 * Screenshots of each step go to {@code target/screenshots/<journey>/}. A page error (an
 * uncaught exception in the page) fails the journey when it is closed.
 */
public final class Workspace implements AutoCloseable {
    /** Where Debian puts chromium; LOANFACTORY_CHROMIUM overrides it. */
    static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("LOANFACTORY_CHROMIUM", "/usr/bin/chromium"));
    private static Playwright playwright;
    private static Browser browser;

    private final BrowserContext context;
    public final Page page;
    private final Path shots;
    private final List<String> pageErrors = new ArrayList<>();
    private int step;

    private Workspace(BrowserContext context, String journey) {
        this.context = context;
        this.page = context.newPage();
        this.shots = Paths.get("target", "screenshots", journey);
        page.onPageError(pageErrors::add);
    }

    private static synchronized Browser browser() {
        if (browser != null) return browser;
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The browser tests need Debian's chromium at " + CHROMIUM + " and a CJK font: "
                    + "apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei (./test installs them when it may)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            browser.close();
            playwright.close();
        }));
        return browser;
    }

    /** A new browser context on the workspace, at desktop size. */
    public static Workspace open(URL admin, String journey) {
        return open(admin, journey, 1280, 800);
    }

    public static Workspace open(URL admin, String journey, int width, int height) {
        BrowserContext context = browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setAcceptDownloads(true));
        context.setDefaultTimeout(30_000);
        Workspace w = new Workspace(context, journey);
        w.page.navigate(admin.toString());
        return w;
    }

    /** Signs in on the sign-in page as demo user {@code user} (password demo-user) and waits for the menu. */
    public Workspace signIn(String user) {
        page.getByLabel("用户名").fill(user);
        page.getByLabel("密码").fill("demo-" + user);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("主菜单"))).isVisible();
        return this;
    }

    /** Goes to a hash route of the workspace, e.g. {@code /products/FUNONG}. */
    public Workspace go(String route) {
        page.evaluate("r => { window.location.hash = r; }", route);
        return this;
    }

    /** A full-page screenshot, numbered in the order of the journey. */
    public Path shot(String name) {
        try {
            Files.createDirectories(shots);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path file = shots.resolve(String.format("%02d-%s.png", ++step, name));
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        List<String> errors = List.copyOf(pageErrors);
        context.close();
        assertEquals(List.of(), errors, "uncaught errors in the page");
    }
}

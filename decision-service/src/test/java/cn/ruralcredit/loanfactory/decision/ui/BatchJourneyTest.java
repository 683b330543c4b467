package cn.ruralcredit.loanfactory.decision.ui;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 整村授信 in the workspace: a credit officer uploads a village's CSV, watches it run, reads the summary, downloads the results. */
@QuarkusTest
class BatchJourneyTest {
    @TestHTTPResource("/admin/")
    URL admin;

    @Test
    void shouldUploadAVillageFileAndDownloadItsResults() throws Exception {
        Path file = Files.createTempFile("青山村", ".csv");
        StringBuilder csv = new StringBuilder("身份证号,姓名,客户类型,年收入,年支出,总资产,总负债,近12个月日均存款,村委评议,申请金额,期限月数\r\n");
        csv.append("150422197511020041,张三,FARMER,120000,40000,600000,50000,30000,GOOD,80000,12\r\n");  // G4, 80,000
        csv.append("150422197511020041,李四,FARMER,120000,40000,600000,50000,30000,POOR,80000,12\r\n");  // declined
        csv.append("150422197511020040,王五,FARMER,120000,40000,600000,50000,30000,GOOD,80000,12\r\n");  // bad ID number
        Files.write(file, csv.toString().getBytes(java.nio.charset.Charset.forName("GB18030")));
        try (Workspace w = Workspace.open(admin, "batches")) {
            w.signIn("officer");
            assertThat(w.page).hasURL(Pattern.compile("#/batches$"));
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("整村授信"))).isVisible();
            w.page.getByLabel("名单文件（XLSX 或 CSV）").setInputFiles(file);
            w.page.getByLabel("评估日期").fill("2025-11-21");
            w.page.getByLabel("批次名称（如村名）").fill("青山村");
            w.shot("upload-form");
            w.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始评级")).click();
            assertThat(w.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("青山村 · 已完成"))).isVisible();
            var summary = w.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("结果汇总"));
            assertThat(summary.locator("[data-outcome=APPROVED] .bar-value")).hasText("1");
            assertThat(summary.locator("[data-outcome=DECLINED] .bar-value")).hasText("1");
            assertThat(summary).containsText("¥80,000");
            assertThat(w.page.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "3");
            w.shot("done");
            Download download = w.page.waitForDownload(() ->
                    w.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("下载结果 CSV")).click());
            assertTrue(download.suggestedFilename().matches("batch-.*-results\\.csv"), download.suggestedFilename());
            List<String> lines = new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8).lines().toList();
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(1).startsWith("2,张三,150422********0041,FUNONG,APPROVED,G4,"), lines.get(1));
            assertTrue(lines.get(2).startsWith("3,李四,150422********0041,FUNONG,DECLINED,"), lines.get(2));
            assertTrue(lines.get(3).startsWith("4,王五,") && lines.get(3).contains(",ERROR,") && lines.get(3).contains("身份证号 (applicant.idNumber)"),
                    lines.get(3));
            var row = w.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("我的批次")).getByRole(AriaRole.ROW)
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("青山村"));
            assertThat(row).containsText("已完成");
            assertThat(row).containsText("3 / 3");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

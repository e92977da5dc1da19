package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.ReceiptVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the rendered report from {@code file://} in Debian's headless Chromium (no network, no Selenium Manager) and
 * checks what a person would see: counts, kernels, fallbacks, violations, the perf chart, hostile names as text,
 * the filter, the parity table, the kernels of each parity side, status badges, perf variants with their noise
 * flag, and a clean console. Saves a screenshot to {@code target/receipts-report-screenshot.png}.
 */
class ReportBrowserTest {

    static final Path SCREENSHOT = Path.of("target/receipts-report-screenshot.png");

    // Selenium warns once that it has no CDP bindings for this Chromium version; the test uses none.
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static HeadlessChromium browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() throws IOException {
        CDP_LOG.setLevel(Level.SEVERE);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theReportRendersInARealBrowserWithoutConsoleErrors() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        ReportFiles files = ReportRenderer.renderDirectory(dir, ReportInputs.sampleRules());
        ChromeDriver driver = browser.driver();

        driver.get(files.indexHtml().toUri().toString());

        assertThat(driver.getTitle()).isEqualTo("Honest Compute receipts: FAILED");
        assertThat(driver.findElement(By.id("run-verdict")).getText()).startsWith("Run verdict: FAILED");
        assertThat(cell(driver, "total")).isEqualTo("6");
        assertThat(cell(driver, "passed")).isEqualTo("2");
        assertThat(cell(driver, "failed")).isEqualTo("1");
        assertThat(cell(driver, "deselected")).isEqualTo("2");

        // The failing test's details are open by default; its kernels, fallback and violations are visible.
        WebElement kernel = driver.findElements(By.cssSelector("tr.kernel-row")).stream()
                .filter(r -> r.getText().startsWith("attention_f32")).findFirst().orElseThrow();
        assertThat(kernel.isDisplayed()).isTrue();
        assertThat(kernel.getText()).isEqualTo("attention_f32 cpu 64 0 5.12 ms");
        WebElement fallback = driver.findElement(By.cssSelector("li.fallback"));
        assertThat(fallback.isDisplayed()).isTrue();
        assertThat(fallback.getText()).isEqualTo("requested cuda → ran on cpu: NO_CUDA_DRIVER — libcuda.so.1 not found "
                + "on this host");
        List<String> rules = driver.findElements(By.cssSelector("tr.violation code.rule-id")).stream()
                .map(WebElement::getText).toList();
        assertThat(rules).containsExactly("fallback.not-allowed", "kernels.failed-calls");
        assertThat(driver.findElements(By.cssSelector("tr.unreadable, #no-receipts"))).isEmpty();

        WebElement chart = driver.findElement(By.cssSelector("svg#perf-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).isGreaterThan(500);
        assertThat(driver.findElements(By.cssSelector("svg#perf-chart g.perf-row"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("svg#perf-chart rect.perf-bar"))).hasSize(2);
        assertThat(chart.getText()).contains("1.32x +32.0% regression").contains("no baseline to compare with");

        assertThat(driver.findElement(By.id("deselected")).getText()).contains("backend.cuda-absent");
        assertThat(driver.findElement(By.id("skipped")).getText())
                .contains("no CUDA driver (libcuda.so.1) on this host");

        // A display name full of markup is shown as text and ran nothing.
        String hostile = driver.findElements(By.cssSelector("span.display-name")).stream().map(WebElement::getText)
                .filter(t -> t.contains("pwned")).findFirst().orElseThrow();
        assertThat(hostile).startsWith("<script>window.__pwned = 1; console.error('injected')</script><img src=x");
        assertThat(driver.executeScript("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();

        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);

        // The inline filter script runs (allowed by its CSP hash) and hides tests that do not match.
        WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys("matmul");
        assertThat(driver.findElement(By.id("shown-count")).getText()).isEqualTo("1");
        assertThat(visibleTests(driver)).containsExactly("com.acme.MatmulTest#simdMatchesScalar");
        filter.clear();
        filter.sendKeys("fallback.not-allowed");
        assertThat(visibleTests(driver)).containsExactly("com.acme.GenerateTest#generatesTokens");
        filter.clear();
        driver.findElement(By.id("only-problems")).click();
        assertThat(visibleTests(driver)).containsExactly("com.acme.GenerateTest#generatesTokens");

        assertNoConsoleErrors(driver);
    }

    @Test
    void theParityTableKernelSidesBadgesAndVariantsShowInARealBrowser() throws Exception {
        Path dir = ReportInputs.copyEngineRun(tmp.resolve("receipts"));
        ReportFiles files = ReportRenderer.renderDirectory(dir,
                ViolationSource.of(ReceiptVerifier.forPolicy("default")));
        ChromeDriver driver = browser.driver();

        driver.get(files.indexHtml().toUri().toString());

        WebElement parity = driver.findElement(By.id("parity-table"));
        assertThat(parity.isDisplayed()).isTrue();
        List<WebElement> failedRows = parity.findElements(By.cssSelector("tr.parity-row.fail"));
        assertThat(failedRows).hasSize(1);
        assertThat(failedRows.get(0).getText()).startsWith("com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend "
                + "fp32 long-prompt mismatch_ratio 0.0125 <= 0 FAILED");
        assertThat(failedRows.get(0).findElement(By.tagName("td")).getCssValue("background-color"))
                .isEqualTo("rgba(255, 235, 238, 1)");

        // The rule-failed test's badge is red in the browser, like the run summary's outcome.
        WebElement ruleTest = testElement(driver, "com.acme.RuleTest#claimsSimdRunsScalar");
        WebElement badge = ruleTest.findElement(By.cssSelector("span.badge.status"));
        assertThat(badge.getText()).isEqualTo("failed");
        assertThat(badge.getCssValue("background-color")).isEqualTo("rgba(198, 40, 40, 1)");

        // The failed parity test is open: its engine's and its reference's kernels stand in two tables.
        WebElement simd = testElement(driver, "com.acme.SimdParityTest#simdLogitsMatchTheScalarBackend");
        WebElement engine = simd.findElement(By.cssSelector("table.engine-kernels"));
        WebElement reference = simd.findElement(By.cssSelector("table.reference-kernels"));
        assertThat(engine.isDisplayed()).isTrue();
        assertThat(reference.isDisplayed()).isTrue();
        assertThat(engine.getText()).contains("matmul_f32_simd cpu-simd 315").doesNotContain("matmul_f32 cpu");
        assertThat(reference.getText()).contains("matmul_f32 cpu 315").doesNotContain("matmul_f32_simd");

        List<WebElement> variants = driver.findElements(By.cssSelector("#perf-variants tr.perf-variant"));
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0).getText()).contains("0.7562x (slower)").contains("noisy:");
        assertThat(variants.get(0).findElement(By.tagName("td")).getCssValue("background-color"))
                .isEqualTo("rgba(255, 248, 225, 1)");
        assertThat(variants.get(1).getText()).contains("2.5x faster").contains("quiet");
        assertNoConsoleErrors(driver);
    }

    private static WebElement testElement(WebDriver driver, String name) {
        return driver.findElements(By.cssSelector("details.test")).stream()
                .filter(d -> d.findElement(By.cssSelector("span.test-name")).getText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + name + " in the report"));
    }

    @Test
    void unreadableAndEmptyReportsRenderCleanly() throws Exception {
        Path dir = ReportInputs.copyRun(tmp.resolve("receipts"));
        Files.writeString(dir.resolve("com.acme.MatmulTest/broken.json"), "{\"schema_version\": ");
        ChromeDriver driver = browser.driver();

        driver.get(ReportRenderer.renderDirectory(dir).indexHtml().toUri().toString());

        WebElement row = driver.findElement(By.cssSelector("tr.unreadable"));
        assertThat(row.isDisplayed()).isTrue();
        assertThat(row.getText()).startsWith("com.acme.MatmulTest/broken.json malformed JSON at line 1");
        assertNoConsoleErrors(driver);

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        driver.get(ReportRenderer.renderDirectory(empty).indexHtml().toUri().toString());

        assertThat(driver.findElement(By.id("run-verdict")).getText()).isEqualTo("Run verdict: NO RECEIPTS");
        assertThat(driver.findElement(By.id("no-receipts")).getText()).contains("No receipts were found in");
        assertNoConsoleErrors(driver);
    }

    @Test
    void theConsoleCheckSeesErrors() throws Exception {
        // Guards the check itself: a page that logs an error must be caught, or "no errors" would mean nothing.
        Path page = Files.writeString(tmp.resolve("error.html"),
                "<!DOCTYPE html><html><body><script>console.error('deliberate')</script></body></html>");
        ChromeDriver driver = browser.driver();

        driver.get(page.toUri().toString());

        assertThat(severe(driver)).anySatisfy(e -> assertThat(e.getMessage()).contains("deliberate"));
    }

    private static String cell(WebDriver driver, String count) {
        return driver.findElement(By.cssSelector("#counts td[data-count='" + count + "']")).getText();
    }

    private static List<String> visibleTests(WebDriver driver) {
        return driver.findElements(By.cssSelector("details.test")).stream().filter(WebElement::isDisplayed)
                .map(d -> d.findElement(By.cssSelector("span.test-name")).getText()).toList();
    }

    private static List<LogEntry> severe(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private static void assertNoConsoleErrors(WebDriver driver) {
        assertThat(severe(driver)).as("browser console errors (SEVERE) on %s", driver.getCurrentUrl()).isEmpty();
    }
}

package dev.flowlens.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.demo.DemoVpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI end to end in a real headless Chromium on the demo workspace: every page, the forms,
 * a click on a chart, a shared URL, hostile text, charts drawn, no console errors; and the HTML
 * report offline. Screenshots go to {@code flowlens-web/target/screenshots/}. Every wait is on a DOM
 * condition (the page marks {@code main[data-ready]} when it has drawn), never a sleep.
 */
class TestBrowser {
    static final Path SHOTS = Path.of("flowlens-web/target/screenshots");

    @RegisterExtension
    static final WebWorkspace WEB = new WebWorkspace();

    static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).as("browser console errors").isEmpty();
        assertThat(driver.executeScript("return window.pwned === undefined"))
                .as("hostile text ran as script")
                .isEqualTo(true);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens a page by its URL and waits until it has drawn. */
    static void open(String hash) {
        driver.get(WEB.base() + hash);
        awaitPage(hash.isEmpty() ? "overview" : hash.replaceAll("^#([a-z]+).*", "$1"));
    }

    static void awaitPage(String page) {
        waiting().until(d -> page.equals(d.findElement(By.id("main")).getAttribute("data-ready")));
    }

    static void screenshot(String name) throws IOException {
        Path tmp = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.move(tmp, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static List<String> errorsShown() {
        return driver.findElements(By.cssSelector("[data-error]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** Every chart on the page is drawn: a canvas of non-zero size with painted pixels. */
    static void assertChartsDrawn(int atLeast) {
        List<WebElement> charts = driver.findElements(By.cssSelector("[data-chart=ready]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(atLeast);
        for (WebElement c : charts) {
            Object painted = driver.executeScript(
                    "const cv = arguments[0].querySelector('canvas'); if (!cv || !cv.width || !cv.height) return 0;"
                            + "const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data; let n = 0;"
                            + "for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; } return n;",
                    c);
            assertThat(((Number) painted).longValue())
                    .as("painted pixels of chart " + c.getAttribute("data-chart-name"))
                    .isGreaterThan(100);
        }
    }

    static int rows(String table) {
        return driver.findElements(By.cssSelector("table[data-table='" + table + "'] tbody tr"))
                .size();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overview", "streams", "search", "query", "conversations", "diagnose", "graph", "ingest"})
    void everyPageOpensWithoutErrors(String page) throws IOException {
        open("#" + page);
        assertThat(errorsShown()).isEmpty();
        screenshot(page);
        switch (page) {
            case "overview" -> {
                assertChartsDrawn(5);
                assertThat(rows("overview-talkers")).isEqualTo(10);
                assertThat(rows("overview-coverage")).isGreaterThan(4);
            }
            case "streams" -> assertThat(rows("streams")).isEqualTo(DemoVpc.ENIS.size() + 1);
            case "search" -> {
                assertChartsDrawn(1);
                assertThat(rows("search-results")).isEqualTo(100);
            }
            case "graph" -> {
                assertChartsDrawn(2);
                driver.executeScript(
                        "arguments[0].scrollIntoView()", driver.findElement(By.cssSelector("[data-chart-name=graph]")));
                screenshot("graph-network");
            }
            case "conversations" -> assertThat(rows("conversations")).isGreaterThan(10);
            default -> {
                // the form pages show their forms
            }
        }
    }

    @Test
    void searchThroughTheForm() throws IOException {
        open("#search");
        driver.findElement(By.id("f-ip")).sendKeys("203.0.113.77");
        driver.findElement(By.id("f-q")).sendKeys("\" REJECT \"");
        driver.findElement(By.id("filter-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("ip=203.0.113.77"));
        awaitPage("search");
        assertThat(rows("search-results")).isGreaterThan(0);
        for (WebElement row : driver.findElements(By.cssSelector("table[data-table='search-results'] tbody tr"))) {
            assertThat(row.getText()).contains("203.0.113.77").contains("REJECT");
        }
        assertChartsDrawn(1);
        assertThat(driver.findElement(By.id("match-count")).getText()).matches("[0-9,]+ records matched");
        screenshot("search-form");
    }

    @Test
    void aQueryThroughTheFormDrawsItsBins() throws IOException {
        open("#query");
        WebElement text = driver.findElement(By.id("query-text"));
        text.clear();
        text.sendKeys("filter action = \"REJECT\" | stats count(*) as rejected by bin(10m)");
        driver.findElement(By.id("query-run")).click();
        waiting().until(d -> d.getCurrentUrl().contains("q="));
        awaitPage("query");
        assertThat(errorsShown()).isEmpty();
        assertThat(rows("query-results")).isGreaterThan(5);
        assertChartsDrawn(1);
        screenshot("query-insights");
        driver.findElement(By.id("tab-sql")).click();
        waiting().until(d -> d.getCurrentUrl().contains("mode=sql"));
        awaitPage("query");
        driver.findElement(By.id("query-run")).click();
        waiting().until(d -> d.getCurrentUrl().contains("q="));
        awaitPage("query");
        assertThat(rows("query-results")).isEqualTo(3); // ACCEPT, REJECT and the NODATA records without an action
        screenshot("query-sql");
    }

    @Test
    void theLoadPageShowsItsProgress() throws IOException {
        // the demo's own folder again: every file is skipped, so the workspace the other tests read stays as it is
        open("#ingest");
        driver.findElement(By.id("ingest-path"))
                .sendKeys(WEB.dir().resolve("logs").toString());
        driver.findElement(By.cssSelector("#ingest-form button[type=submit]")).click();
        waiting()
                .until(d -> !d.findElements(By.cssSelector("table[data-table='ingest']"))
                        .isEmpty());
        assertThat(errorsShown()).isEmpty();
        String progress = driver.findElement(By.id("ingest-progress")).getText();
        assertThat(progress)
                .startsWith("Loaded " + WEB.dir().resolve("logs"))
                .matches("(?s).*: ([0-9]+) of \\1 files, 0 records, 0 bad lines, \\1 skipped .*");
        assertThat(driver.findElement(By.id("ingest-bar")).getAttribute("hidden"))
                .isNull();
        screenshot("ingest-progress");
    }

    @Test
    void aDiagnosisThroughTheForm() throws IOException {
        open("#diagnose");
        driver.findElement(By.id("f-src")).sendKeys("10.0.2.20");
        driver.findElement(By.id("f-dst")).sendKeys("10.0.3.30");
        driver.findElement(By.id("f-port")).sendKeys("6379");
        driver.findElement(By.id("filter-submit")).click();
        waiting().until(d -> d.getCurrentUrl().contains("dst=10.0.3.30"));
        awaitPage("diagnose");
        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("NO_RESPONSE");
        assertThat(rows("evidence")).isGreaterThan(0);
        assertChartsDrawn(1);
        screenshot("diagnose-form");
    }

    @Test
    void aConversationRowOpensItsDiagnosis() {
        open("#conversations?ip=10.0.3.30&port=5433");
        driver.findElement(By.cssSelector("table[data-table='conversations'] tbody tr"))
                .click();
        waiting().until(d -> d.getCurrentUrl().contains("#diagnose"));
        awaitPage("diagnose");
        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("RESET");
    }

    @Test
    void clickingABarOfTheTopTalkersOpensTheirRecords() {
        open("#overview");
        WebElement chart = driver.findElement(By.cssSelector("[data-chart-name=bar-talkers]"));
        // where ECharts drew the biggest talker's bar (the last category of the reversed list)
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) driver.executeScript(
                "const c = echarts.getInstanceByDom(arguments[0]); const o = c.getOption();"
                        + "const cats = o.yAxis[0].data; const i = cats.length - 1; const v = o.series[0].data[i];"
                        + "const p = c.convertToPixel({seriesIndex: 0}, [v / 2, cats[i]]);"
                        + "return {x: p[0], y: p[1], w: arguments[0].clientWidth, h: arguments[0].clientHeight, talker: cats[i]};",
                chart);
        int dx = (int)
                Math.round(((Number) target.get("x")).doubleValue() - ((Number) target.get("w")).doubleValue() / 2);
        int dy = (int)
                Math.round(((Number) target.get("y")).doubleValue() - ((Number) target.get("h")).doubleValue() / 2);
        new Actions(driver).moveToElement(chart, dx, dy).click().perform();
        String talker = (String) target.get("talker");
        waiting()
                .until(d -> d.getCurrentUrl().contains("#search")
                        && d.getCurrentUrl().contains("src=" + talker));
        awaitPage("search");
        assertThat(rows("search-results")).isGreaterThan(0);
        for (WebElement row : driver.findElements(By.cssSelector("table[data-table='search-results'] tbody tr"))) {
            assertThat(row.findElements(By.tagName("td")).stream()
                            .map(WebElement::getText)
                            .toList())
                    .contains(talker);
        }
        assertThat(driver.findElement(By.id("f-src")).getAttribute("value")).isEqualTo(talker);
    }

    @Test
    void aRangeZoomedOnATimeChartBecomesThePageRange() {
        open("#overview");
        // what dragging with the zoom tool ends in: a dataZoom action on the chart (ECharts' own event)
        driver.executeScript(
                "echarts.getInstanceByDom(arguments[0]).dispatchAction({type: 'dataZoom', startValue: Date.parse('2026-11-20T10:30:00Z'),"
                        + " endValue: Date.parse('2026-11-20T11:00:00Z')});",
                driver.findElement(By.cssSelector("[data-chart-name=series-bytes]")));
        waiting()
                .until(d -> d.getCurrentUrl().contains("from=2026-11-20T10%3A30%3A00Z")
                        && d.getCurrentUrl().contains("to=2026-11-20T11%3A00%3A00Z"));
        awaitPage("overview");
        assertThat(driver.findElement(By.id("range-from")).getAttribute("value"))
                .isEqualTo("2026-11-20T10:30:00Z");
        assertChartsDrawn(5);
    }

    @Test
    void aSharedUrlOpensTheSameView() {
        String shared = "#search?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z&ip=203.0.113.77&action=reject";
        driver.get("about:blank");
        open(shared);
        assertThat(driver.findElement(By.id("f-ip")).getAttribute("value")).isEqualTo("203.0.113.77");
        assertThat(driver.findElement(By.id("range-from")).getAttribute("value"))
                .isEqualTo("2026-11-20T10:00:00Z");
        assertThat(rows("search-results")).isGreaterThan(0);
        for (WebElement row : driver.findElements(By.cssSelector("table[data-table='search-results'] tbody tr"))) {
            assertThat(row.getText()).contains("REJECT");
        }
    }

    @Test
    void hostileTextIsShownAsText() throws IOException {
        open("#streams?eni="
                + java.net.URLEncoder.encode(WebWorkspace.HOSTILE_ENI, java.nio.charset.StandardCharsets.UTF_8));
        String text = driver.findElement(By.id("main")).getText();
        assertThat(text).contains(WebWorkspace.HOSTILE_ENI).contains(WebWorkspace.HOSTILE_FILE);
        assertThat(driver.findElements(By.cssSelector("#main script, #main img")))
                .isEmpty();
        screenshot("hostile");
    }

    @Test
    void theHtmlReportOpensOfflineWithItsCharts() throws Exception {
        Path report = WEB.dir().resolve("report.html");
        HtmlReport.write(WEB.db(), null, null, null, report, WebWorkspace.CLOCK);
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver.setNetworkConditions(offline);
        try {
            driver.get(report.toUri().toString());
            waiting()
                    .until(d ->
                            "report".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            assertChartsDrawn(3);
            assertThat(driver.findElements(By.cssSelector("[data-verdict]"))).isNotEmpty();
            assertThat(driver.findElement(By.tagName("body")).getText()).contains(WebWorkspace.HOSTILE_ENI);
            screenshot("report");
        } finally {
            driver.deleteNetworkConditions();
        }
    }
}

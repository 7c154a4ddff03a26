package dev.flowlens.web;

import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.store.Catalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a test: the overview page's time to usable (every chart drawn, as the page marks it) in headless
 * Chromium, measured with the Performance API from navigation start, on the workspace named by
 * {@code -Dflowlens.bench.db=FILE}; run by {@code flowlens-bench/web-bench.sh}. Skipped without it.
 */
class BenchOverviewPage {
    static final int RUNS = 5;

    @Test
    void overviewPageTimeToDrawn() throws Exception {
        String db = System.getProperty("flowlens.bench.db");
        Assumptions.assumeTrue(db != null, "a benchmark: give -Dflowlens.bench.db=FILE");
        WorkspaceAccess access = new WorkspaceAccess(Path.of(db), Duration.ofMillis(1000));
        Catalog.Info info = access.read(c -> new Catalog(c).info());
        access.closeIfIdle();
        ChromeDriver driver = Browser.start();
        // -Dflowlens.bench.sums=false: the overview reads the records for every request (the server keeps no sums)
        boolean sums = !"false".equals(System.getProperty("flowlens.bench.sums"));
        FlowlensApi api = new FlowlensApi(access, null, Clock.systemUTC(), AwsClientConfig.defaults(), sums);
        try (WebServer server = WebServer.start(api, "127.0.0.1", 0, null)) {
            String base = "http://127.0.0.1:" + server.address().port() + "/";
            measure(driver, api, base, "all", "#overview");
            long oneDay = info.first() + 3 * 86400;
            measure(
                    driver,
                    api,
                    base,
                    "one day",
                    "#overview?from=" + Instant.ofEpochSecond(oneDay) + "&to=" + Instant.ofEpochSecond(oneDay + 86400));
        } finally {
            driver.quit();
        }
    }

    private static void measure(ChromeDriver driver, FlowlensApi api, String base, String label, String hash) {
        double[] ms = new double[RUNS];
        double first = 0;
        for (int r = -1; r < RUNS; r++) {
            driver.get("about:blank");
            driver.get(base + hash);
            new WebDriverWait(driver, Duration.ofMinutes(2))
                    .until(d -> "overview".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
            if (!driver.findElements(By.cssSelector("[data-error]")).isEmpty()) {
                throw new IllegalStateException("the page shows an error: "
                        + driver.findElement(By.cssSelector("[data-error]")).getText());
            }
            double drawn = Double.parseDouble(driver.findElement(By.id("main")).getAttribute("data-ready-ms"));
            if (r >= 0) {
                ms[r] = drawn;
            } else {
                first = drawn;
                // the first load answers from the records and starts the sums' build: measured once built
                api.awaitOverviewSums();
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "overview page, %s: every chart drawn %.0f ms after navigation start (median of %d; runs %s; first"
                        + " load, answered from the records while the server's sums are built: %.0f ms)%n",
                label, sorted[RUNS / 2], RUNS, Arrays.toString(ms), first);
    }
}

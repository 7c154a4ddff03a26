package dev.flowlens.web;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for the browser tests (Debian's {@code chromium} and {@code chromium-driver}).
 * When they are missing the tests are skipped with the reason, unless {@code CI} or
 * {@code FLOWLENS_REQUIRE_BROWSER} is set (as {@code .ci/run}, which installs them, does): then they fail.
 */
final class Browser {
    private Browser() {}

    static ChromeDriver start() {
        Path chromium = find(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        Path driver = find(List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));
        if (chromium == null || driver == null) {
            String why = "the browser tests need Chromium and its driver (apt-get install chromium chromium-driver): "
                    + (chromium == null ? "no chromium" : "no chromedriver") + " found";
            if (System.getenv("CI") != null || System.getenv("FLOWLENS_REQUIRE_BROWSER") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    private static Path find(List<String> candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}

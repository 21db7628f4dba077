package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The results page as a browser shows it: Debian's headless Chromium driven by Selenium through
 * Debian's chromedriver, both given by path so that nothing is downloaded. Without them the test
 * fails, saying how to install them ({@code .ci/run} does).
 */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "search.fake-backend.latency=10ms")
class SearchBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium(@TempDir Path profile) throws IOException {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertThat(Files.isExecutable(executable))
                    .as("%s is missing: apt-get install -y chromium chromium-driver (.ci/run does)", executable)
                    .isTrue();
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(File.createTempFile("chromedriver", ".log", profile.toFile()))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + Files.createDirectory(profile.resolve("chromium")));
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheResultsAndTheTimingLine() {
        browser.get("http://127.0.0.1:" + port + "/search?q=go+blog&timeout=1s");
        assertThat(browser.getTitle()).isEqualTo("go blog - search");
        List<String> results = browser.findElements(By.cssSelector("li")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(results)
                .contains(
                        "Go Concurrency Patterns: Context - The Go Blog - https://go.dev/blog/context",
                        "Go Concurrency Patterns: Pipelines and cancellation - The Go Blog - https://go.dev/blog/pipelines");
        assertThat(browser.findElement(By.linkText("https://go.dev/blog/context"))
                        .getAttribute("href"))
                .isEqualTo("https://go.dev/blog/context");
        String timing = browser.findElement(By.id("timing")).getText();
        Matcher matcher = Pattern.compile("(\\d+) results in [0-9.]+(ns|µs|ms|s); timeout 1s")
                .matcher(timing);
        assertThat(matcher.matches()).as(timing).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(results.size());
    }

    @Test
    void showsTheProblemForAMalformedTimeout() {
        browser.get("http://127.0.0.1:" + port + "/search?q=golang&timeout=soon");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page)
                .contains("\"status\":400")
                .contains("\"detail\":\"invalid timeout \\\"soon\\\": time: invalid duration \\\"soon\\\"\"")
                .containsPattern("\"logId\":\"?[0-9A-Za-z-]+");
        assertThat(browser.findElements(By.id("timing"))).isEmpty();
    }
}

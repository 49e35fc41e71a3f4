package io.crmflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmflow.support.ApiTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * /dashboard in a real headless Chromium (Debian's chromium + chromium-driver): logs in with HTTP
 * Basic, waits for the charts, checks each one drew bars from data, keeps target/dashboard.png.
 * Skipped only when Chromium or its driver is not installed.
 */
@ApiTest
class DashboardBrowserTest {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  private ChromeDriver browser;

  @BeforeEach
  void startBrowser() {
    assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Chromium not installed (apt-get install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1700");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void shouldChartThroughputLatencyConversionStepsAndIncidents() throws Exception {
    KnownHistory history = new KnownHistory(repositoryService, jdbc,
        Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)));
    String running = runtimeService.startProcessInstanceByKey(history.key).getId();
    runtimeService.createIncident("failedJob", running, "dashboard test");

    openDashboard(history.key);
    Path screenshot = Path.of("target", "dashboard.png");
    Files.createDirectories(screenshot.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);

    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-error")).isNull();
    assertThat(browser.findElement(By.id("process")).getAttribute("value")).isEqualTo(history.key);
    for (String chart : List.of("chart-throughput", "chart-latency", "chart-conversion", "chart-steps",
        "chart-incidents")) {
      WebElement svg = browser.findElement(By.id(chart));
      assertThat(Integer.parseInt(svg.getAttribute("data-points"))).as(chart).isPositive();
      List<WebElement> bars = svg.findElements(By.cssSelector("rect.bar"));
      assertThat(bars).as(chart).isNotEmpty();
      assertThat(bars.stream().mapToDouble(bar -> Double.parseDouble(bar.getAttribute("data-value"))).max()
          .orElse(0)).as(chart).isPositive();
    }
    // the conversion funnel names the end events with their shares
    String conversion = browser.findElement(By.id("chart-conversion")).getText();
    assertThat(conversion).contains("Won", "70 %", "Lost", "30 %");
    assertThat(browser.findElement(By.id("chart-steps")).getText()).contains("Work");
    assertThat(browser.findElement(By.id("cards")).getText()).contains("14\nstarted", "10\ncompleted", "1\nopen incidents");
    // the 13 known instances started within one hour: one bucket of the throughput chart holds them
    assertThat(browser.findElements(By.cssSelector("#chart-throughput rect.bar.s0")).stream()
        .map(bar -> bar.getAttribute("data-value"))).contains("13");
    assertThat(screenshot).exists();
  }

  /** Over more durations than the exact limit (1 000 in the test profile) the charts say their percentiles are approximate. */
  @Test
  void shouldSayWhenPercentilesComeFromHistograms() throws Exception {
    KnownHistory history = new KnownHistory(repositoryService, jdbc,
        Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)));
    for (int i = 0; i < 1_000; i++) {
      history.addCompleted(history.base.plusSeconds(i), 100L + i, i % 2 == 0);
    }

    openDashboard(history.key);

    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-error")).isNull();
    assertThat(browser.findElement(By.id("latency-precision")).getText())
        .isEqualTo("· percentiles from duration histograms, within 2.5 %");
    assertThat(browser.findElement(By.id("steps-precision")).getText())
        .isEqualTo("· percentiles from duration histograms, within 2.5 %");
  }

  /** Opens the dashboard on one process and waits until its charts are drawn (or it reports an error). */
  private void openDashboard(String processKey) {
    browser.get("http://lea:lea@localhost:" + port + "/dashboard/?process=" + processKey);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded"))
            || driver.findElement(By.tagName("body")).getAttribute("data-error") != null);
  }
}

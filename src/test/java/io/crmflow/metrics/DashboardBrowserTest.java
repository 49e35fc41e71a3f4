package io.crmflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
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
 * Basic, waits for the charts, checks each one drew bars from data (the workflow charts and the contact
 * lifecycle panel) and the throughput rate and efficiency tiles and lines, keeps target/dashboard.png.
 * Skipped only when Chromium or its driver is not installed.
 */
@ApiTest
class DashboardBrowserTest {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @LocalServerPort int port;
  @Autowired Api api;
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
        "--window-size=1400,2000");
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
    // a tile per process with its throughput rate (10 completed of the 14 started) and flow efficiency
    List<WebElement> tiles = browser.findElements(By.cssSelector("#rate-tiles .tile"));
    assertThat(tiles).hasSizeGreaterThan(1);
    WebElement tile = browser.findElement(By.cssSelector("#rate-tiles .tile[data-process='" + history.key + "']"));
    assertThat(tile.getText()).contains("Metrics test", "71 % throughput rate (10 of 14)", "25 % flow efficiency");
    // the rates over time: a point where the known history completed, at its flow efficiency
    WebElement rates = browser.findElement(By.id("chart-rates"));
    assertThat(rates.getAttribute("data-points")).isEqualTo("24");
    assertThat(rates.findElements(By.cssSelector("circle.point.s1")).stream().map(point -> point.getAttribute("data-value")))
        .contains("0.25");
    assertThat(rates.findElements(By.cssSelector("polyline.line.s0"))).isNotEmpty();
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

  /** The lifecycle panel charts /api/metrics/lifecycle for the same window: the funnel's counts are the API's. */
  @Test
  void shouldChartTheContactLifecycle() {
    Instant twoHoursAgo = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    contact("LEAD", twoHoursAgo, null, null);
    contact("OPPORTUNITY", twoHoursAgo, twoHoursAgo.plusSeconds(600), null);
    contact("CUSTOMER", twoHoursAgo, twoHoursAgo.plusSeconds(600), twoHoursAgo.plusSeconds(1200));

    openDashboard("lead-intake");
    // the dashboard's 24 h window in PT1H buckets is the endpoint's default
    DocumentContext expected = Api.json(api.get("lea", "/api/metrics/lifecycle"));

    assertThat(browser.findElement(By.tagName("body")).getAttribute("data-error")).isNull();
    WebElement funnel = browser.findElement(By.id("chart-lifecycle-funnel"));
    assertThat(funnel.getAttribute("data-points")).isEqualTo("3");
    assertThat(funnel.findElements(By.cssSelector("rect.bar")).stream().map(bar -> bar.getAttribute("data-value")))
        .containsExactly(String.valueOf((Integer) expected.read("$.newContacts")),
            String.valueOf((Integer) expected.read("$.becameOpportunity")),
            String.valueOf((Integer) expected.read("$.becameCustomer")));
    assertThat((Integer) expected.read("$.newContacts")).isGreaterThanOrEqualTo(3);
    assertThat((Integer) expected.read("$.becameCustomer")).isGreaterThanOrEqualTo(1);
    assertThat(funnel.getText()).contains(expected.read("$.newContacts") + " new contacts",
        expected.read("$.becameCustomer") + " became customer",
        Math.round((Double) expected.read("$.customerRate") * 100) + " % of new opportunities");
    assertThat(funnel.getAttribute("aria-label")).startsWith("Contact lifecycle funnel: "
        + expected.read("$.newContacts") + " new contacts");

    WebElement series = browser.findElement(By.id("chart-lifecycle"));
    assertThat(series.getAttribute("data-points")).isEqualTo("24");
    for (String stage : List.of("s0", "s1", "s2")) {
      assertThat(series.findElements(By.cssSelector("rect.bar." + stage)).stream()
          .mapToInt(bar -> Integer.parseInt(bar.getAttribute("data-value"))).sum()).as(stage).isPositive();
    }
    // the bucket two hours ago holds the three contacts written above (and maybe others)
    List<WebElement> newContacts = series.findElements(By.cssSelector("rect.bar.s0"));
    assertThat(Integer.parseInt(newContacts.get(21).getAttribute("data-value"))).isGreaterThanOrEqualTo(3);
    assertThat(browser.findElement(By.id("lifecycle-stages")).getText())
        .isEqualTo("· contacts now: leads " + expected.read("$.contactsByStage.lead") + ", opportunities "
            + expected.read("$.contactsByStage.opportunity") + ", customers "
            + expected.read("$.contactsByStage.customer"));
  }

  private void contact(String stage, Instant createdAt, Instant opportunityAt, Instant customerAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into crm_contact (id, email, locale, marketing_consent, sms_consent, email_invalid, lifecycle_stage,
                                     opportunity_at, customer_at, erased_at, created_at, updated_at)
            values (:id, :email, 'en', false, false, false, :stage, :opportunityAt, :customerAt, null,
                    :createdAt, :createdAt)""")
        .param("id", id)
        .param("email", "dashboard." + id + "@example.org")
        .param("stage", stage)
        .param("opportunityAt", opportunityAt == null ? null : Timestamp.from(opportunityAt))
        .param("customerAt", customerAt == null ? null : Timestamp.from(customerAt))
        .param("createdAt", Timestamp.from(createdAt))
        .update();
  }

  /** Opens the dashboard on one process and waits until its charts are drawn (or it reports an error). */
  private void openDashboard(String processKey) {
    browser.get("http://lea:lea@localhost:" + port + "/dashboard/?process=" + processKey);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
        "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded"))
            || driver.findElement(By.tagName("body")).getAttribute("data-error") != null);
  }
}

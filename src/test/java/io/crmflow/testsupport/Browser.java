package io.crmflow.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium + chromium-driver) on the app under test, for the browser tests
 * of Tasklist and the workspace: opening pages, logging in to Tasklist, waiting, screenshots in target/.
 * A JUnit extension: {@code @RegisterExtension final Browser browser = new Browser(() -> port);} skips the
 * test when Chromium is not installed, starts a browser when the test first uses it and quits it after.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

  public static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration LOGIN_ATTEMPT = Duration.ofSeconds(10);
  private static final int LOGIN_ATTEMPTS = 3;
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final IntSupplier port;
  private ChromeDriver driver;

  /** @param port the app's port, asked for when the browser starts (Spring injects it after the test's creation) */
  public Browser(IntSupplier port) {
    this.port = port;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Chromium not installed (apt-get install chromium chromium-driver)");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  /** The browser, a laptop-sized window, started on first use in a test. */
  public ChromeDriver driver() {
    if (driver == null) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1600,1200", "--lang=en-US");
      driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
          .usingAnyFreePort().build(), options);
    }
    return driver;
  }

  /** Opens a path of the app. */
  public void get(String path) {
    driver().get(url(path));
  }

  public String url(String path) {
    return "http://localhost:" + port.getAsInt() + path;
  }

  /**
   * Logs in on Tasklist's sign-in form (password = user id). Tasklist can draw its login view again while it
   * settles its route after the first authentication check, so what was typed may land in a form that is then
   * replaced and the submit is refused as incomplete: the form is filled and sent again until it goes away.
   */
  public void logInToTasklist(String user) {
    get("/camunda/app/tasklist/");
    By username = By.cssSelector("form[name=signinForm] input[ng-model=username]");
    until(ExpectedConditions.visibilityOfElementLocated(username));
    for (int attempt = 1; ; attempt++) {
      try {
        type(username, user);
        type(By.cssSelector("form[name=signinForm] input[ng-model=password]"), user);
        driver().findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        new WebDriverWait(driver(), LOGIN_ATTEMPT).until(ExpectedConditions.invisibilityOfElementLocated(username));
        return;
      } catch (TimeoutException | StaleElementReferenceException | NoSuchElementException notYet) {
        if (attempt == LOGIN_ATTEMPTS) {
          throw notYet;
        }
      }
    }
  }

  private void type(By field, String text) {
    WebElement input = until(ExpectedConditions.visibilityOfElementLocated(field));
    input.clear();
    input.sendKeys(text);
  }

  /** Waits (up to {@link #PATIENCE}) until the condition gives something other than null or false. */
  public <T> T until(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver(), PATIENCE).until(condition);
  }

  /** A laptop's screen: 1280 × 900 CSS pixels. */
  public void laptop() {
    viewport(1280, 900, false);
  }

  /** A phone's screen: 390 × 844 CSS pixels, as Chromium's device mode shows it. */
  public void phone() {
    viewport(390, 844, true);
  }

  private void viewport(int width, int height, boolean mobile) {
    driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", mobile));
  }

  public void screenshot(String name) throws Exception {
    Path file = Path.of("target", name);
    Files.createDirectories(file.getParent());
    Files.copy(driver().getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }
}

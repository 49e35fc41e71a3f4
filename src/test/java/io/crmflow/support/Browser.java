package io.crmflow.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium + chromium-driver) on the app under test, for the browser tests
 * of Tasklist and the workspace: opening pages, logging in to Tasklist, waiting, screenshots in target/.
 */
public final class Browser implements AutoCloseable {

  public static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, int port) {
    this.driver = driver;
    this.base = "http://localhost:" + port;
  }

  /** Whether Chromium and its driver are installed (apt-get install chromium chromium-driver). */
  public static boolean installed() {
    return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
  }

  /** A browser window of a laptop's size on the app at this port. */
  public static Browser open(int port) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1600,1200", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), port);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a path of the app. */
  public void get(String path) {
    driver.get(base + path);
  }

  public String url(String path) {
    return base + path;
  }

  public void logInToTasklist(String user) {
    get("/camunda/app/tasklist/");
    until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
    driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
  }

  /** Waits (up to {@link #PATIENCE}) until the condition gives something other than null or false. */
  public <T> T until(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE).until(condition);
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
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", mobile));
  }

  public void screenshot(String name) throws Exception {
    Path file = Path.of("target", name);
    Files.createDirectories(file.getParent());
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}

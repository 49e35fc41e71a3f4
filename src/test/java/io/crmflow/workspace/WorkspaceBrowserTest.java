package io.crmflow.workspace;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.Browser;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace (/app) in headless Chromium: crmflow's login page logs in through the Camunda webapps
 * (one login with Tasklist), lists are searched and sorted from the keyboard, read on a laptop and on a
 * phone, and a user whose groups may not read a record is told so. Screenshots in target/ (copied to
 * docs/ by hand when the pages change). Skipped only when Chromium or its driver is not installed.
 */
@ApiTest
class WorkspaceBrowserTest {

  @LocalServerPort int port;
  @Autowired Api api;
  @Autowired TaskService taskService;

  @RegisterExtension final Browser browser = new Browser(() -> port);

  @Test
  void shouldTellSupportItMayNotSeeALead() throws Exception {
    String leadId = submitLead("Hidden", "Secret Ltd " + UUID.randomUUID().toString().substring(0, 8));

    browser.get("/app/leads/" + leadId);
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    assertThat(browser.driver().getCurrentUrl()).as("crmflow's login page, back to the lead afterwards")
        .contains("/app/login?next=%2Fapp%2Fleads%2F" + leadId);
    browser.screenshot("workspace-login.png");
    logInAtTheWorkspace("sue");

    WebElement page = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("main[data-state=forbidden]")));
    assertThat(browser.driver().getCurrentUrl()).as("the page asked for")
        .isEqualTo(browser.url("/app/leads/" + leadId));
    assertThat(page.findElement(By.cssSelector(".notice")).getText())
        .isEqualTo("You are not allowed to see this record.");
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("Secret Ltd", "Hidden");
    assertThat(browser.driver().findElements(By.cssSelector("nav[aria-label=Workspace] a")))
        .extracting(WebElement::getText).containsExactly("Cases", "Tasklist");
    browser.screenshot("workspace-forbidden.png");
  }

  @Test
  void shouldSearchSortAndOpenLeadsOnALaptopAndAPhone() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<String> names = List.of("Ada Lovelace", "Charles Babbage", "Mary Somerville");
    List<String> companies = List.of("Analytical Engines " + tag, "Babbage & Sons " + tag,
        "Countess Consulting " + tag);
    String firstLead = null;
    for (int i = 0; i < names.size(); i++) {
      String leadId = submitLead(names.get(i), companies.get(i));
      firstLead = firstLead == null ? leadId : firstLead;
    }
    browser.laptop();
    browser.get("/app/leads");
    logInAtTheWorkspace("mia");

    // search from the keyboard: the search field, type, Enter
    WebElement search = browser.until(ExpectedConditions.elementToBeClickable(By.id("q")));
    search.sendKeys(tag, Keys.ENTER);
    browser.until(driver -> rows().size() == 3);
    assertThat(browser.driver().getCurrentUrl()).contains("q=" + tag);
    browser.driver().findElement(By.xpath("//th//a[normalize-space()='Company']")).click();
    browser.until(ExpectedConditions.attributeToBe(By.xpath("//th[.//a[normalize-space()='Company']]"), "aria-sort",
        "ascending"));
    assertThat(rows()).extracting(row -> row.findElement(By.cssSelector("td[data-label=Company]")).getText())
        .containsExactlyElementsOf(companies);
    browser.screenshot("workspace-leads.png");

    // open the first lead with the keyboard: focus its link, Enter
    WebElement link = rows().get(0).findElement(By.cssSelector("td[data-label=Name] a"));
    link.sendKeys(Keys.ENTER);
    WebElement lead = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("main[data-record-type=lead][data-record-id='" + firstLead + "']")));
    assertThat(lead.findElement(By.cssSelector("[data-field=company]")).getText()).isEqualTo(companies.get(0));
    browser.screenshot("workspace-lead.png");

    // a phone: the same list as stacked cards, nothing wider than the screen
    browser.phone();
    browser.get("/app/leads?q=" + tag + "&sort=company,asc");
    browser.until(driver -> rows().size() == 3);
    assertThat(rows().get(0).getCssValue("display")).as("each lead a card").isEqualTo("block");
    assertThat(browser.driver().findElement(By.cssSelector("details.more-filters")).getDomProperty("open"))
        .as("the filters folded away, the list first").isEqualTo("false");
    browser.screenshot("workspace-leads-phone.png");
    Object sticking = browser.driver().executeScript("""
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 0.5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className);""");
    assertThat((List<?>) sticking).as("nothing wider than the phone").isEmpty();
    assertThat((Long) browser.driver().executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
        .as("no sideways scrolling").isZero();

    // log out: the webapps' login ends, for the workspace and Tasklist alike
    browser.laptop();
    browser.driver().findElement(By.cssSelector("button[data-logout]")).click();
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    browser.get("/app/leads");
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    assertThat(browser.driver().getCurrentUrl()).contains("/app/login?next=");
  }

  @Test
  void shouldOpenTheWorkspaceFromTasklistWithoutLoggingInAgain() throws Exception {
    browser.logInToTasklist("sam");

    WebElement link = browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.crmflow-workspace")));
    assertThat(link.getText()).isEqualTo("Open crmflow workspace");
    browser.screenshot("tasklist-workspace-link.png");
    link.click();

    browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1")));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/app"));
    assertThat(browser.driver().findElements(By.cssSelector("main h2"))).extracting(WebElement::getText)
        .contains("Leads waiting for review");
    browser.screenshot("workspace-home.png");
  }

  /**
   * A salesperson adds a task on the lead's page: it is listed there under its title, and in Tasklist, where
   * the Record tab shows the title above the lead.
   */
  @Test
  void shouldAddATaskOnTheLeadPageAndWorkItInTasklist() throws Exception {
    String leadId = submitLead("Ada Lovelace", "Analytical Engines " + UUID.randomUUID().toString().substring(0, 6));
    String title = "Send the reference list " + UUID.randomUUID().toString().substring(0, 6);
    browser.laptop();
    browser.get("/app/leads/" + leadId);
    logInAtTheWorkspace("sam");

    WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[data-add-task]")));
    form.findElement(By.id("task-title")).sendKeys(title);
    // a date-time field's typing order follows the browser's locale: set it as a date picker would
    browser.driver().executeScript("document.getElementById('task-due').value = arguments[0];",
        java.time.LocalDate.now().plusDays(3) + "T09:30");
    assertThat(form.findElement(By.id("task-assignee")).getDomProperty("value")).as("for the user, unless changed")
        .isEqualTo("sam");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement added = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//ul[@data-field='tasks']//a[normalize-space()='" + title + "']")));
    assertThat(added.findElement(By.xpath("..")).getText()).contains("assigned to sam", "due");
    browser.screenshot("workspace-lead-task.png");

    added.click();
    WebElement toDo = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".crmflow-record [data-state=loaded][data-record-id='" + leadId + "'] [data-field=toDoTitle]")));
    assertThat(toDo.getText()).isEqualTo(title);
    // the lead has two cards — its review and this to-do — in an order of Tasklist's: the opened task's card
    String taskId = toDo.findElement(By.xpath("ancestor::*[contains(@class, 'crmflow-record')]"))
        .getDomAttribute("data-task-id");
    assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        ".crmflow-card[data-task-id='" + taskId + "'] .crmflow-card-line[data-record-id='" + leadId + "']")))
        .getText()).as("its card").startsWith(title);
    browser.screenshot("tasklist-record-task.png");
  }

  @Test
  void shouldNameTheFieldWhenATaskCannotBeAdded() {
    String leadId = submitLead("Charles Babbage", "Difference Engines " + UUID.randomUUID().toString().substring(0, 6));
    browser.laptop();
    browser.get("/app/leads/" + leadId);
    logInAtTheWorkspace("sam");

    WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[data-add-task]")));
    form.findElement(By.id("task-title")).sendKeys("Call back");
    browser.driver().executeScript("document.getElementById('task-due').value = '2020-01-02T09:30';");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement error = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-add-task-error]")));
    assertThat(error.getText()).startsWith("The task was not added.").contains("due:");
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).count()).as("only the review")
        .isEqualTo(1);
  }

  /** crmflow's own login page, as a person uses it: user name, password, Enter. */
  private void logInAtTheWorkspace(String user) {
    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    browser.driver().findElement(By.id("password")).sendKeys(user, Keys.ENTER);
    // the login page goes on to the page asked for; asking the leaving page's fields whether they are still shown
    // races the navigation (Chrome: "Node ... does not belong to the document")
    browser.until(driver -> !driver.getCurrentUrl().contains("/app/login"));
  }

  private List<WebElement> rows() {
    return browser.driver().findElements(By.cssSelector("table.list tbody tr"));
  }

  private String submitLead(String name, String company) {
    String address = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 6);
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s@example.org", "company": "%s", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(name, address, company))).read("$.leadId");
    await().atMost(Browser.PATIENCE).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD).count() == 1);
    return leadId;
  }
}

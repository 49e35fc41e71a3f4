package io.crmflow.tasklist;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.lead.LeadQualification;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.Browser;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * crmflow's record plug-in in a real Camunda Tasklist, in headless Chromium (Debian's chromium +
 * chromium-driver): a person logs in to Tasklist once, tells tasks apart by the record each card
 * names, reads the record in the task's "Record" tab, opens it in the workspace (/app) with the same
 * login, and works the task. The record comes from crmflow's API through the Tasklist login.
 * Screenshots are kept in target/. Skipped only when Chromium or its driver is not installed.
 */
@ApiTest
class TasklistPluginBrowserTest {

  private static final Duration PATIENCE = Browser.PATIENCE;

  @LocalServerPort int port;
  @Autowired Api api;
  @Autowired TaskService taskService;
  @Autowired LeadQualification leadQualification;
  @Autowired JdbcClient jdbc;

  @RegisterExtension final Browser browser = new Browser(() -> port);

  @Test
  void shouldShowEachLeadOnItsCardAndInTheTaskAndQualifyIt() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> companies = List.of("Analytical Engines " + run, "Difference Works " + run, "Jacquard Looms " + run);
    List<String> leadIds = new ArrayList<>();
    for (String company : companies) {
      leadIds.add(json(api.post("webform", "/api/leads", """
          {"name": "Ada %s", "email": "ada.%s@example.org", "company": "%s", "source": "referral",
           "companySize": 1200, "budget": 150000}""".formatted(run, UUID.randomUUID(), company))).read("$.leadId"));
    }
    leadIds.forEach(leadId -> awaitTask(leadId, LeadIntakeProcess.TASK_REVIEW_LEAD));

    browser.logInToTasklist("sam");

    // the cards tell the three "Review lead" tasks apart by their leads
    for (int i = 0; i < companies.size(); i++) {
      WebElement card = card(leadIds.get(i));
      assertThat(card.getText()).contains(companies.get(i), "hot");
    }
    screenshot("tasklist-cards.png");

    String leadId = leadIds.get(1);
    String email = json(api.get("sam", "/api/leads/" + leadId)).read("$.email");
    card(leadId).click();
    WebElement record = loadedRecord(leadId);
    assertThat(field(record, "name")).isEqualTo("Ada " + run);
    assertThat(field(record, "company")).isEqualTo(companies.get(1));
    assertThat(field(record, "email")).isEqualTo(email);
    assertThat(field(record, "rating")).isEqualTo("hot");
    assertThat(record.findElement(By.cssSelector("a.crmflow-open")).getDomAttribute("href"))
        .isEqualTo("/app/leads/" + leadId);
    assertThat(selectedTab()).as("the record is shown first").isEqualTo("Record");
    screenshot("tasklist-record-lead.png");

    // "Open in crmflow": the lead's workspace page, in a new tab, with the same login
    String tasklist = browser.driver().getWindowHandle();
    record.findElement(By.cssSelector("a.crmflow-open")).click();
    browser.until(driver -> driver.getWindowHandles().size() == 2);
    browser.driver().switchTo().window(browser.driver().getWindowHandles().stream()
        .filter(handle -> !handle.equals(tasklist)).findFirst().orElseThrow());
    WebElement page = browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("main[data-record-type=lead][data-record-id='" + leadId + "']")));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/app/leads/" + leadId));
    assertThat(field(page, "name")).isEqualTo("Ada " + run);
    assertThat(field(page, "company")).isEqualTo(companies.get(1));
    assertThat(field(page, "email")).isEqualTo(email);
    assertThat(page.findElement(By.cssSelector("[data-field=tasks] a[data-task]")).getText()).isEqualTo("Review lead");
    screenshot("workspace-lead-from-tasklist.png");
    // and back to the task
    browser.driver().close();
    browser.driver().switchTo().window(tasklist);

    // work the task — already sam's, who was next in turn for the sales team: open the form, tick
    // "Qualified", complete
    assertThat(json(api.get("sam", "/api/leads/" + leadId)).<String>read("$.owner")).isEqualTo("sam");
    tab("Form").click();
    WebElement qualified = browser.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("input[type=checkbox][id$='Field_Qualified']")));
    qualified.click();
    browser.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space()='Complete']"))).click();

    await().atMost(PATIENCE).until(() -> "QUALIFIED".equals(json(api.get("sam", "/api/leads/" + leadId))
        .read("$.status")));
  }

  @Test
  void shouldShowSupportTheCaseDescriptionAndTheLatestReplyAndMailTheAnswer() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "grace.%s@example.org", "customerName": "Grace %s", "subject": "Export fails %s",
         "description": "The export stops at 80 %%.\\nSince yesterday's update.", "category": "technical"}"""
        .formatted(run, run, run))).read("$.caseId");
    awaitTask(caseId, SupportCaseProcess.TASK_HANDLE_CASE);
    api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "First reply: it happens with every export."}""");
    api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "Latest reply: it also fails for <b>CSV</b> files."}""");

    browser.logInToTasklist("sue");

    WebElement card = card(caseId);
    assertThat(card.getText()).contains("CASE-", "Export fails " + run, "high");
    card.click();
    WebElement record = loadedRecord(caseId);
    assertThat(field(record, "description")).isEqualTo("The export stops at 80 %.\nSince yesterday's update.");
    assertThat(field(record, "customer")).contains("Grace " + run);
    List<WebElement> replies = record.findElements(By.cssSelector("[data-field=reply]"));
    assertThat(replies).hasSize(2);
    assertThat(replies.get(0).getText()).as("newest first, shown as text")
        .contains("Latest reply: it also fails for <b>CSV</b> files.");
    assertThat(record.findElement(By.cssSelector("a.crmflow-open")).getDomAttribute("href"))
        .isEqualTo("/app/cases/" + caseId);
    screenshot("tasklist-record-case.png");

    // answer the customer: claim, write the answer, "Resolved", complete — and the customer gets it by email
    String answer = "CSV exports work again since release 4.2 (" + run + ").";
    tab("Form").click();
    browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("textarea[id$='Field_Resolution']")))
        .sendKeys(answer);
    browser.driver().findElement(By.xpath("//label[normalize-space()='Resolved']")).click();
    browser.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[normalize-space()='Complete']"))).click();

    MimeMessage mail = await().atMost(PATIENCE).until(() -> TestSmtp.messagesTo("grace." + run + "@example.org")
        .stream().filter(message -> TestSmtp.plainText(message).contains(answer)).findFirst().orElse(null),
        message -> message != null);
    assertThat(mail.getSubject()).contains("resolved", "Export fails " + run);
    // the case's status is the next step after the email, in its own transaction
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(
        json(api.get("sue", "/api/cases/" + caseId)).<String>read("$.status")).isEqualTo("RESOLVED"));
  }

  @Test
  void shouldShowASupportLeadTheRefundToApprove() throws Exception {
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "refund.%s@example.org", "subject": "Charged twice", "description": "Twice for order 4711.",
         "category": "billing", "orderReference": "4711", "refundAmount": 249.90}""".formatted(UUID.randomUUID())))
        .read("$.caseId");
    awaitTask(caseId, SupportCaseProcess.TASK_APPROVE_REFUND);

    browser.logInToTasklist("lea");

    WebElement card = card(caseId);
    assertThat(card.getText()).matches("CASE-\\d{6} · refund 249\\.90");
    card.click();
    WebElement record = loadedRecord(caseId);
    assertThat(field(record, "refund")).isEqualTo("249.90 · requested");
    assertThat(field(record, "orderReference")).isEqualTo("4711");
  }

  @Test
  void shouldShowAManagerTheQuoteToApprove() throws Exception {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Quote Customer", "email": "quote.%s@example.org", "company": "Engines Ltd"}"""
        .formatted(UUID.randomUUID()))).read("$.leadId");
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00},
                       {"product": "Onboarding workshop", "quantity": 1, "unitPrice": 250}],
         "discountPercent": 15}""")).read("$.id");
    awaitTask(quoteId, QuoteApprovalProcess.TASK_APPROVE_BY_MANAGER);
    // the customer answered an email about the quote (as InboundEmailApiTest has Mailgun deliver it)
    jdbc.sql("""
            insert into crm_inbound_email (id, provider_event_id, outcome, record_type, record_id, sender, subject, body,
              received_at)
            values (:id, :eventId, 'QUOTE_REPLY', 'quote', :quoteId, 'buyer@engines.example', 'Re: your quote',
              'Can you do 20 licences <b>instead</b>?', :now)
            """)
        .param("id", UUID.randomUUID().toString()).param("eventId", "<" + UUID.randomUUID() + "@engines.example>")
        .param("quoteId", quoteId).param("now", Timestamp.from(Instant.now())).update();

    browser.logInToTasklist("mia");

    WebElement card = card(quoteId);
    assertThat(card.getText()).contains("Quote " + quoteId.substring(0, 8), "1,062.50", "15 % discount");
    card.click();
    WebElement record = loadedRecord(quoteId);
    assertThat(record.findElements(By.cssSelector("[data-field=line]"))).extracting(WebElement::getText)
        .containsExactly("Support plan 5 200.00 1,000.00", "Onboarding workshop 1 250.00 250.00");
    assertThat(field(record, "subtotal")).isEqualTo("1,250.00");
    assertThat(field(record, "discount")).isEqualTo("15.00 % (187.50)");
    assertThat(field(record, "total")).isEqualTo("1,062.50");
    assertThat(field(record, "status")).isEqualTo("in approval");
    assertThat(field(record, "emailReply")).as("the customer's reply, its HTML as text")
        .contains("buyer@engines.example", "Re: your quote", "Can you do 20 licences <b>instead</b>?");
    assertThat(record.findElement(By.cssSelector("a.crmflow-open")).getDomAttribute("href"))
        .isEqualTo("/app/quotes/" + quoteId);
    screenshot("tasklist-record-quote.png");
  }

  /**
   * A sales manager hands a lead review to someone from support: she now sees the task, but crmflow
   * does not let support read leads, so the plug-in says so instead of showing anything.
   */
  @Test
  void shouldTellAUserWhoMayNotReadTheRecordSo() throws Exception {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Hidden Lead", "email": "hidden.%s@example.org", "company": "Secret Ltd", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(UUID.randomUUID()))).read("$.leadId");
    Task review = awaitTask(leadId, LeadIntakeProcess.TASK_REVIEW_LEAD);
    taskService.setAssignee(review.getId(), "sue");

    browser.logInToTasklist("sue");

    WebElement card = browser.until(driver -> driver.findElements(By.cssSelector(
            "[data-task-id='" + review.getId() + "'] .crmflow-forbidden")).stream().findFirst().orElse(null));
    assertThat(card.getText()).isEqualTo("You are not allowed to see this record.");
    card.click();
    WebElement panel = browser.until(driver -> driver.findElements(By.cssSelector(
        ".crmflow-record[data-task-id='" + review.getId() + "'] [data-state=forbidden]")).stream()
        .findFirst().orElse(null));
    assertThat(panel.getText()).startsWith("You are not allowed to see this record.");
    WebElement detail = browser.driver().findElement(
        By.cssSelector(".crmflow-record[data-task-id='" + review.getId() + "']"));
    assertThat(detail.getText()).doesNotContain("Hidden Lead", "Secret Ltd");
    assertThat(detail.findElements(By.cssSelector("[data-state=loaded]"))).isEmpty();
    assertThat(detail.findElements(By.cssSelector("a.crmflow-open"))).as("nothing to open").isEmpty();
    screenshot("tasklist-record-forbidden.png");
  }

  /** The card line the plug-in drew for a record, once it has loaded. */
  private WebElement card(String recordId) {
    return browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".crmflow-card-line[data-record-id='" + recordId + "']")));
  }

  /** The "Record" tab's content, once the record has loaded. */
  private WebElement loadedRecord(String recordId) {
    return browser.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".crmflow-record [data-state=loaded][data-record-id='" + recordId + "']")));
  }

  private static String field(WebElement record, String key) {
    return record.findElement(By.cssSelector("[data-field=" + key + "]")).getText();
  }

  private WebElement tab(String label) {
    return browser.driver().findElement(
        By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='" + label + "']"));
  }

  private String selectedTab() {
    return browser.driver().findElement(By.cssSelector("ul.nav-tabs li.active a")).getText().strip();
  }

  private Task awaitTask(String businessKey, String taskDefinitionKey) {
    return await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(taskDefinitionKey).singleResult(), task -> task != null);
  }

  private void screenshot(String name) throws Exception {
    browser.screenshot(name);
  }
}

package io.crmflow.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.jayway.jsonpath.DocumentContext;
import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.lead.LeadNurtureProcess;
import io.crmflow.lead.LeadQualification;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.PersonalDataScan;
import io.crmflow.testsupport.TestPaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lead intake on every path through the API, then a scan of the engine's tables (runtime, history,
 * byte arrays) and of the log output for the names, addresses and phone numbers submitted: none may be there.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataScanTest {

  private static final String HOT = "\"source\": \"referral\", \"companySize\": 1200, \"budget\": 150000";
  private static final String WARM = "\"source\": \"webinar\", \"companySize\": 200";
  private static final String COLD = "\"source\": \"other\"";

  @Autowired Api api;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired LeadQualification leadQualification;

  private final Random random = new Random();
  private final List<String> personalData = new ArrayList<>();
  private StubMapping refundStub;

  /** The gateway is shared by every test class in this JVM: the next one starts without this stub. */
  @AfterEach
  void removeRefundStub() {
    if (refundStub != null) {
      TestPaymentGateway.server().removeStub(refundStub);
    }
  }

  @Test
  void shouldKeepPersonalDataOutOfTheEngineAndTheLogs(CapturedOutput output) {
    // hot, reviewed and qualified: opportunity, owner notified
    String qualified = submit(HOT);
    complete(reviewTask(qualified), true, personalData.get(personalData.size() - 4));
    awaitEnd(qualified);
    // hot, reviewed and disqualified
    String disqualified = submit(HOT);
    complete(reviewTask(disqualified), false, personalData.get(personalData.size() - 4));
    awaitEnd(disqualified);
    // warm and cold: nurturing
    awaitEnd(submit(WARM));
    awaitEnd(submit(COLD));
    // hot, review overdue: sales managers reminded, the review still waits
    String overdue = submit(HOT);
    reviewTask(overdue);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(overdue).timers()
        .singleResult().getId());
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(overdue).activityId(LeadIntakeProcess.END_REVIEW_ESCALATED).finished().count() == 1);
    // the same address again while its intake runs: merged into the running intake
    String email = personalData.get(personalData.size() - 3);
    ResponseEntity<String> merged = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "company": "Merged %s"}""".formatted(personalData.get(
        personalData.size() - 4), email, personalData.get(personalData.size() - 4)));
    assertThat(merged.getStatusCode()).isEqualTo(HttpStatus.OK);

    List<String> hits = PersonalDataScan.find(jdbc,
        table -> table.startsWith("ACT_RU_") || table.startsWith("ACT_HI_") || table.equals("ACT_GE_BYTEARRAY"),
        personalData);
    assertThat(hits).isEmpty();
    assertThat(PersonalDataScan.find(jdbc, table -> table.equals("CRM_LEAD"), personalData))
        .as("the scan finds what is there").isNotEmpty();
    assertThat(jdbc.queryForObject("select review_note from crm_lead where process_instance_id = ?", String.class,
        qualified)).startsWith("Called Pia ");
    for (String value : personalData) {
      assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(value);
    }
  }

  /**
   * Quote approval (a rejection with a reason naming the customer, then an approved quote the customer
   * accepts, with its coupon), a support case (refund approved and paid, resolved, reopened by a reply,
   * resolved again, closed) and a lead nurture sequence with all its follow-ups: every free text submitted
   * names the customer, none of it may reach the engine's tables or the log.
   */
  @Test
  void shouldKeepPersonalDataOutOfTheOtherWorkflows(CapturedOutput output) throws Exception {
    // quote approval
    String leadId = json(api.post("webform", "/api/leads", lead("\"source\": \"other\""))).read("$.leadId");
    String name = personalData.get(personalData.size() - 4);
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    String rejected = createQuote(opportunityId, "15");
    submitForm(task(quoteProcess(rejected)), "mia", """
        "approved": {"value": false}, "reason": {"value": "%s asked for too much"}""".formatted(name));
    awaitEnd(quoteProcess(rejected));
    String accepted = createQuote(opportunityId, "5");
    String acceptedProcess = quoteProcess(accepted);
    await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createEventSubscriptionQuery()
        .processInstanceId(acceptedProcess).eventName(QuoteApprovalProcess.MESSAGE_QUOTE_ACCEPTED).count() == 1);
    assertThat(api.post("webform", "/api/quotes/" + accepted + "/acceptance", "{\"accepted\": true}")
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    awaitEnd(acceptedProcess);
    assertThat(jdbc.queryForObject("select count(*) from crm_coupon where quote_id = ?", Long.class, accepted))
        .isEqualTo(1);

    // support case with a refund over the auto-approve limit, a reply and a resolution
    refundStub = TestPaymentGateway.server().stubFor(post(urlPathEqualTo("/refunds")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"re_scan\",\"status\":\"succeeded\"}")));
    String customer = "Cleo " + ContactErasureTest.randomLetters(random, 9);
    String customerEmail = "case." + UUID.randomUUID() + "@example.org";
    String subject = "Refund " + ContactErasureTest.randomLetters(random, 10);
    String description = customer + " writes: the parcel " + ContactErasureTest.randomLetters(random, 8) + " broke";
    String reply = customer + " again: " + ContactErasureTest.randomLetters(random, 12);
    String resolution = "Dear " + customer + ", refunded " + ContactErasureTest.randomLetters(random, 7);
    personalData.addAll(List.of(customer, customerEmail, subject, description, reply, resolution));
    ResponseEntity<String> opened = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "customerName": "%s", "subject": "%s", "description": "%s",
         "category": "billing", "refundAmount": 250.00}""".formatted(customerEmail, customer, subject, description));
    assertThat(opened.getStatusCode()).as(opened.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String caseId = json(opened).read("$.caseId");
    String caseProcess = json(opened).read("$.processInstanceId");
    submitForm(task(caseProcess), "lea", "\"refundApproved\": {\"value\": true}");
    submitForm(task(caseProcess), "sue", """
        "outcome": {"value": "resolved"}, "resolution": {"value": "%s"}""".formatted(resolution));
    awaitCaseStatus(caseId, "RESOLVED");
    assertThat(api.post("webform", "/api/cases/" + caseId + "/replies", "{\"message\": \"%s\"}".formatted(reply))
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    submitForm(task(caseProcess), "sue", """
        "outcome": {"value": "resolved"}, "resolution": {"value": "%s"}""".formatted(resolution + " twice"));
    awaitCaseStatus(caseId, "RESOLVED");
    fire(caseProcess, SupportCaseProcess.TIMER_NO_REPLY);
    awaitEnd(caseProcess);
    DocumentContext closed = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((String) closed.read("$.status")).isEqualTo("CLOSED");
    assertThat((String) closed.read("$.refundStatus")).isEqualTo("PAID");
    assertThat((List<String>) closed.read("$.timeline[*].activityId")).contains(SupportCaseProcess.TASK_PAY_REFUND,
        SupportCaseProcess.TASK_REOPEN_CASE, SupportCaseProcess.TASK_CLOSE_CASE);

    // lead nurture: every follow-up, then the reply window closes
    String nurtured = json(api.post("webform", "/api/leads",
        lead("\"source\": \"webinar\", \"companySize\": 200, \"marketingConsent\": true"))).read("$.leadId");
    String nurture = await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).processInstanceBusinessKey(nurtured).list().stream()
        .map(instance -> instance.getId()).findFirst().orElse(null), id -> id != null);
    for (String timer : List.of(LeadNurtureProcess.TIMER_FOLLOW_UP_1_DUE, LeadNurtureProcess.TIMER_FOLLOW_UP_2_DUE,
        LeadNurtureProcess.TIMER_FOLLOW_UP_3_DUE, LeadNurtureProcess.TIMER_REPLY_WINDOW_OVER)) {
      fire(nurture, timer);
    }
    awaitEnd(nurture);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(nurture)
        .activityId(LeadNurtureProcess.TASK_SEND_FOLLOW_UP_3).finished().count()).isEqualTo(1);

    List<String> hits = PersonalDataScan.find(jdbc,
        table -> table.startsWith("ACT_RU_") || table.startsWith("ACT_HI_") || table.equals("ACT_GE_BYTEARRAY"),
        personalData);
    assertThat(hits).isEmpty();
    assertThat(PersonalDataScan.find(jdbc, table -> table.equals("CRM_CASE") || table.equals("CRM_QUOTE"),
        personalData)).as("the scan finds what is there").isNotEmpty();
    for (String value : personalData) {
      assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(value);
    }
  }

  private String lead(String facts) {
    String name = "Pia " + ContactErasureTest.randomLetters(random, 9);
    String email = "scan." + UUID.randomUUID() + "@example.org";
    String phone = "+44207946" + (1000 + random.nextInt(9000));
    personalData.addAll(List.of(name, email, phone, phone.substring(3)));
    return """
        {"name": "%s", "email": "%s", "phone": "%s", "company": "%s Trading", %s}""".formatted(name, email, phone,
        name, facts);
  }

  private String createQuote(String opportunityId, String discountPercent) {
    ResponseEntity<String> created = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00}],
         "discountPercent": %s}""".formatted(discountPercent));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(created).read("$.id");
  }

  private String quoteProcess(String quoteId) {
    return json(api.get("sam", "/api/quotes/" + quoteId)).read("$.processInstanceId");
  }

  private String task(String processInstanceId) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).list().stream().map(Task::getId).findFirst().orElse(null),
        id -> id != null);
  }

  private void submitForm(String taskId, String user, String variables) {
    ResponseEntity<String> response = api.post(user, "/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\": {" + variables + "}}");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void fire(String processInstanceId, String timerId) {
    Job timer = await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
        .processInstanceId(processInstanceId).activityId(timerId).timers().singleResult(), job -> job != null);
    managementService.executeJob(timer.getId());
  }

  private void awaitCaseStatus(String caseId, String status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(json(api.get("sue", "/api/cases/" + caseId))
        .read("$.status")));
  }

  private String submit(String facts) {
    String name = "Pia " + ContactErasureTest.randomLetters(random, 9);
    String email = "scan." + UUID.randomUUID() + "@example.org";
    String phone = "+44207946" + (1000 + random.nextInt(9000));
    personalData.addAll(List.of(name, email, phone, phone.substring(3)));
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "phone": "%s", "company": "%s Trading", %s}"""
        .formatted(name, email, phone, name, facts));
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(response).read("$.processInstanceId");
  }

  private String reviewTask(String processInstanceId) {
    List<String> ids = await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("sam",
            "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId)).read("$[*].id"),
        found -> ((List<?>) found).size() == 1);
    return ids.get(0);
  }

  /** The note names the person, as notes do: it goes to crm_lead, not into the engine. */
  private void complete(String taskId, boolean qualified, String name) {
    assertThat(api.post("sam", "/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"qualified": {"value": %s}, "reviewNote": {"value": "Called %s, budget checked"}}}"""
        .formatted(qualified, name)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void awaitEnd(String processInstanceId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).finished().count() == 1);
  }
}

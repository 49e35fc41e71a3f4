package io.crmflow.privacy;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.messaging.Suppressions;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.PersonalDataScan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Export and erasure of a qualified contact with an escalated support case, and of a customer with a
 * case waiting for refund approval; then a scan of every table.
 */
@ApiTest
class ContactErasureTest {

  @Autowired Api api;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired Suppressions suppressions;

  /**
   * A person who became an opportunity (lead qualified in review, the salesperson emailed about them)
   * and then opened a support case that ran past its service level (the support leads emailed about
   * it): exported, then erased, then every table scanned — staff messages about the person included.
   */
  @Test
  void shouldExportThenEraseAQualifiedContactWithAnEscalatedCase() {
    Random random = new Random();
    String email = "Erase.Me." + UUID.randomUUID() + "@Example.org";
    String name = "Quinta " + randomLetters(random, 10);
    String phone = "+44207946" + (1000 + random.nextInt(9000));
    String subject = "Broken " + randomLetters(random, 12);

    String lead = submit(name, email, phone, """
        "source": "referral", "companySize": 1200, "budget": 150000""", "erasure-" + UUID.randomUUID());
    String intake = json(api.get("sam", "/api/leads/" + lead)).read("$.processInstanceId");
    String contactId = json(api.get("sam", "/api/leads/" + lead)).read("$.contactId");
    List<String> tasks = await().atMost(Duration.ofSeconds(30)).until(() ->
        json(api.get("sam", "/engine-rest/task?maxResults=10&processInstanceId=" + intake)).read("$[*].id"),
        ids -> ((List<?>) ids).size() == 1);
    // a salesperson claims the review, notes a call (with the name, as people do) and qualifies the lead
    assertThat(api.post("sam", "/engine-rest/task/" + tasks.get(0) + "/claim", "{\"userId\": \"sam\"}")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    taskService.createComment(tasks.get(0), intake, "Called " + name);
    assertThat(api.post("sam", "/engine-rest/task/" + tasks.get(0) + "/complete", """
        {"variables": {"qualified": {"value": true}, "reviewNote": {"value": "Spoke to %s"}}}""".formatted(name))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(intake).finished().count() == 1);

    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "%s", "description": "Nothing works for %s"}"""
        .formatted(email.toLowerCase(), subject, name))).read("$.caseId");
    String caseProcess = json(api.get("sue", "/api/cases/" + caseId)).read("$.processInstanceId");
    // the case runs past its service level: the support leads are told, in an email naming it
    Job overdue = await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
        .processInstanceId(caseProcess).activityId(SupportCaseProcess.TIMER_CASE_OVERDUE).singleResult(),
        java.util.Objects::nonNull);
    managementService.setJobDuedate(overdue.getId(), new java.util.Date());
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
        "select count(*) from crm_message where template = 'case-overdue' and status = 'SENT' and contact_id = ?",
        Integer.class, contactId) > 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
        "select count(*) from crm_message where template = 'opportunity-assigned' and status = 'SENT' "
            + "and contact_id = ?", Integer.class, contactId) == 1);
    // to-dos on the lead and the case, whose titles name the person
    String due = java.time.OffsetDateTime.now().plusDays(1).toString();
    assertThat(api.post("sam", "/api/leads/" + lead + "/tasks", """
        {"title": "Send %s the brochure", "due": "%s"}""".formatted(name, due)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(api.post("sue", "/api/cases/" + caseId + "/tasks", """
        {"title": "Ring %s about the export", "due": "%s"}""".formatted(name, due)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(PersonalDataScan.find(jdbc, table -> table.startsWith("CRM_"), List.of(email, name)))
        .as("the scan finds what is there").isNotEmpty();

    ResponseEntity<String> exported = api.get("admin", "/api/contacts/" + email + "/export");
    assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext export = json(exported);
    assertThat((String) export.read("$.contactId")).isEqualTo(contactId);
    assertThat((String) export.read("$.contact.details.name")).isEqualTo(name);
    assertThat((String) export.read("$.contact.details.lifecycleStage")).isEqualTo("opportunity");
    assertThat((List<String>) export.read("$.leads[*].id")).containsExactly(lead);
    assertThat((List<String>) export.read("$.leads[*].reviewNote")).containsExactly("Spoke to " + name);
    assertThat((List<?>) export.read("$.opportunities")).hasSize(1);
    assertThat((List<String>) export.read("$.cases[*].case.id")).containsExactly(caseId);
    assertThat((List<String>) export.read("$.messages[*].template"))
        .contains("welcome", "opportunity-assigned", "case-received", "case-overdue");
    assertThat((List<String>) export.read("$.timeline[*].processInstanceId")).contains(intake, caseProcess);
    assertThat((List<String>) export.read("$.tasks[*].title"))
        .containsExactlyInAnyOrder("Send " + name + " the brochure", "Ring " + name + " about the export");

    ResponseEntity<String> erased = api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + email, null, Map.of());
    assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext report = json(erased);
    assertThat((Map<String, Integer>) report.read("$.records"))
        .containsEntry("leads", 1).containsEntry("opportunities", 1).containsEntry("quotes", 0)
        .containsEntry("cases", 1).containsEntry("contacts", 1).containsEntry("tasks", 2);
    assertThat((String) report.read("$.contactId")).isEqualTo(contactId);
    assertThat((Integer) report.read("$.processInstancesCancelled"))
        .as("the case's process, the opportunity's follow-up and the two to-dos").isEqualTo(4);
    assertThat((Boolean) report.read("$.suppressed")).isTrue();
    assertThat(erased.getBody()).doesNotContainIgnoringCase(email).doesNotContain(name, phone);

    List<String> needles = List.of(email, name, phone, phone.substring(3), subject);
    assertThat(PersonalDataScan.find(jdbc, table -> table.startsWith("ACT_") || table.startsWith("CRM_"), needles))
        .isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(lead).count()).isZero();
    assertThat(suppressions.isSuppressed(email)).isTrue();
    assertThat(taskService.getProcessInstanceComments(intake)).isEmpty();

    assertThat((String) json(api.get("sam", "/api/leads/" + lead)).read("$.name")).isEqualTo("(erased)");
    DocumentContext audit = json(api.get("admin", "/api/audit?recordId=" + lead));
    assertThat((List<String>) audit.read("$[*].action")).contains("lead.submitted", "record.erased");
    assertThat((List<String>) json(api.get("admin", "/api/audit?recordType=contact&actor=admin&limit=1000"))
        .read("$[*].action")).contains("contact.exported", "contact.erased");
    assertThat(api.get("admin", "/api/contacts/" + email + "/export").getStatusCode())
        .as("the address is forgotten").isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldEraseACaseWaitingForRefundApprovalWithItsRepliesAndHistory() {
    Random random = new Random();
    String email = "Case.Erase." + UUID.randomUUID() + "@Example.org";
    String name = "Octavia " + randomLetters(random, 10);
    String subject = "Refund for " + randomLetters(random, 12);
    String description = "Dear support, " + name + " here: order " + randomLetters(random, 8) + " broke.";
    String replyText = "Still waiting, " + name + " " + randomLetters(random, 6);

    ResponseEntity<String> opened = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "customerName": "%s", "subject": "%s", "description": "%s",
         "category": "billing", "orderReference": "ORD-%d", "refundAmount": 250.00}"""
        .formatted(email, name, subject, description, random.nextInt(100000)),
        Map.of("Idempotency-Key", "case-erasure-" + UUID.randomUUID()));
    assertThat(opened.getStatusCode()).as(opened.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String caseId = json(opened).read("$.caseId");
    String processInstanceId = json(opened).read("$.processInstanceId");
    // over the auto-approve limit: the case waits for a support lead to approve the refund
    await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(SupportCaseProcess.TASK_APPROVE_REFUND).count() == 1);
    assertThat(api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "%s"}""".formatted(replyText)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        ((List<?>) json(api.get("sue", "/api/cases/" + caseId)).read("$.messages[?(@.status == 'SENT')]")).size() == 1);
    List<String> needles = List.of(email, name, subject, description, replyText);
    assertThat(PersonalDataScan.find(jdbc, table -> table.startsWith("CRM_"), needles))
        .as("the scan finds what is there").isNotEmpty();

    DocumentContext export = json(api.get("admin", "/api/contacts/" + email.toLowerCase() + "/export"));
    assertThat((List<String>) export.read("$.cases[*].case.id")).containsExactly(caseId);
    assertThat((List<String>) export.read("$.cases[*].case.description")).containsExactly(description);
    assertThat((List<String>) export.read("$.cases[0].replies[*].message")).containsExactly(replyText);
    assertThat((List<String>) export.read("$.messages[*].template")).containsExactly("case-received");
    assertThat((List<String>) export.read("$.timeline[*].processInstanceId")).contains(processInstanceId);

    ResponseEntity<String> erased = api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + email, null, Map.of());
    assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext report = json(erased);
    assertThat((Map<String, Integer>) report.read("$.records"))
        .containsEntry("leads", 0).containsEntry("cases", 1).containsEntry("messages", 1);
    assertThat((List<String>) report.read("$.recordIds")).containsExactly(caseId);
    assertThat((Integer) report.read("$.processInstancesCancelled")).isEqualTo(1);
    assertThat((Integer) report.read("$.historicProcessInstancesDeleted")).isEqualTo(1);

    assertThat(PersonalDataScan.find(jdbc, table -> table.startsWith("ACT_") || table.startsWith("CRM_"), needles))
        .isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId).count())
        .isZero();
    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((String) supportCase.read("$.status")).isEqualTo("CLOSED");
    assertThat((String) supportCase.read("$.subject")).isEqualTo("(erased)");
    assertThat((Double) supportCase.read("$.refundAmount")).as("the books keep the amount").isEqualTo(250.0);
    assertThat((List<String>) json(api.get("admin", "/api/audit?recordId=" + caseId)).read("$[*].action"))
        .contains("case.opened", "case.replied", "record.erased");
    assertThat(api.get("admin", "/api/contacts/" + email + "/export").getStatusCode())
        .as("the address is forgotten").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(suppressions.isSuppressed(email)).isTrue();
  }

  /**
   * Issue 16 item 9: a record with more processes than one query page (500). Before, erasure deleted the
   * history of the first 500 and silently left the rest.
   */
  @Test
  void shouldEraseTheHistoryOfEveryProcessOfARecordHoweverMany() {
    String email = "many.processes." + UUID.randomUUID() + "@example.org";
    String lead = submit("Many Processes", email, "+442079460001", "\"source\": \"other\"", null);
    repositoryService.createDeployment().name("erasure-volume").addModelInstance("erasure-volume.bpmn",
        Bpmn.createExecutableProcess("erasure-volume").camundaHistoryTimeToLive(1).startEvent().endEvent().done())
        .deploy();
    for (int i = 0; i < 520; i++) {
      runtimeService.startProcessInstanceByKey("erasure-volume", lead);
    }

    DocumentContext report = json(api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + email, null,
        Map.of()));

    assertThat((Integer) report.read("$.historicProcessInstancesDeleted")).isGreaterThanOrEqualTo(521);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(lead).count()).isZero();
  }

  @Test
  void shouldRejectAMalformedAddressAndAnswerUnknownContactsWith404() {
    ResponseEntity<String> malformed = api.exchange("admin", HttpMethod.DELETE, "/api/contacts/not@an-address", null,
        Map.of());
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) json(malformed).read("$.errors[0].field")).isEqualTo("contactIdOrEmail");
    assertThat(api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + UUID.randomUUID(), null, Map.of())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("admin", "/api/contacts/nobody." + UUID.randomUUID() + "@example.org/export").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private String submit(String name, String email, String phone, String facts, String idempotencyKey) {
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "phone": "%s", "company": "%s Ltd", %s}"""
        .formatted(name, email, phone, name, facts),
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(response).read("$.leadId");
  }

  static String randomLetters(Random random, int length) {
    StringBuilder letters = new StringBuilder("Z");
    for (int i = 1; i < length; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    return letters.toString();
  }
}

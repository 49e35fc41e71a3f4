package io.crmflow.audit;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.lead.LeadQualification;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Lead submissions, case openings and replies, quotes and the customer's answer, and task completions
 * (review, refund approval) appear in the audit log, with names but no personal values.
 */
@ApiTest
class AuditApiTest {

  @Autowired Api api;
  @Autowired LeadQualification leadQualification;
  @Autowired RuntimeService runtimeService;

  @Test
  void shouldAuditLeadSubmissionAndTaskCompletionWithoutPersonalData() {
    String email = "audited." + UUID.randomUUID() + "@example.org";
    Instant before = Instant.now().minusSeconds(1);
    ResponseEntity<String> submitted = api.post("webform", "/api/leads", """
        {"name": "Audrey Auditwoman", "email": "%s", "phone": "+442079460123", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(email));
    String leadId = json(submitted).read("$.leadId");
    String processInstanceId = json(submitted).read("$.processInstanceId");

    DocumentContext audit = json(api.get("admin", "/api/audit?recordId=" + leadId));
    assertThat((List<String>) audit.read("$[?(@.action == 'lead.submitted')].actor")).containsExactly("webform");
    assertThat((List<String>) audit.read("$[?(@.action == 'lead.submitted')].recordType")).containsExactly("lead");
    assertThat((List<String>) audit.read("$[?(@.action == 'lead.submitted')].processInstanceId"))
        .containsExactly(processInstanceId);
    assertThat((List<List<String>>) audit.read("$[?(@.action == 'lead.submitted')].details.fields"))
        .containsExactly(List.of("name", "email", "phone", "companySize", "budget", "source"));

    List<String> taskIds = await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("sam",
            "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId)).read("$[*].id"),
        ids -> ((List<?>) ids).size() == 1);
    String taskId = taskIds.get(0);
    assertThat(api.post("sam", "/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"qualified": {"value": false}, "reviewNote": {"value": "Budget not confirmed"}}}""")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<String> response = api.get("admin", "/api/audit?recordId=" + leadId + "&actor=sam");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext completed = json(response);
    assertThat((List<String>) completed.read("$[*].action")).containsExactly("task.completed");
    assertThat((String) completed.read("$[0].recordType")).isEqualTo("lead");
    assertThat((String) completed.read("$[0].processInstanceId")).isEqualTo(processInstanceId);
    assertThat((Map<String, Object>) completed.read("$[0].details")).containsEntry("taskId", taskId)
        .containsEntry("taskDefinitionKey", "Task_ReviewLead").containsEntry("taskName", "Review lead")
        .containsEntry("processDefinitionKey", "lead-intake").containsEntry("businessKey", leadId)
        .containsEntry("variables", List.of("qualified", "reviewNote"));

    String all = api.get("admin", "/api/audit?recordId=" + leadId).getBody();
    assertThat(all).doesNotContain(email, "Audrey", "Auditwoman", "2079460123", "Budget not confirmed");

    assertThat((List<?>) json(api.get("admin", "/api/audit?recordType=lead&actor=webform&from=" + before
        + "&to=" + Instant.now().plusSeconds(5) + "&limit=1000")).read("$[?(@.recordId == '" + leadId + "')]"))
        .hasSize(1);
    assertThat((List<?>) json(api.get("admin", "/api/audit?recordId=" + leadId + "&to=" + before)).read("$"))
        .isEmpty();
    assertThat((List<?>) json(api.get("admin", "/api/audit?limit=1")).read("$")).hasSize(1);
  }

  @Test
  void shouldAuditCaseOpeningRepliesAndRefundApprovalWithoutPersonalData() {
    String email = "audited.case." + UUID.randomUUID() + "@example.org";
    ResponseEntity<String> opened = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "customerName": "Casey Auditperson", "subject": "Broken kettle",
         "description": "It leaks", "category": "billing", "refundAmount": 250.00}""".formatted(email));
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String caseId = json(opened).read("$.caseId");
    String processInstanceId = json(opened).read("$.processInstanceId");
    assertThat(api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "Casey again: any news?"}""").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    List<String> taskIds = await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("lea",
            "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId)).read("$[*].id"),
        ids -> ((List<?>) ids).size() == 1);
    assertThat(api.post("lea", "/engine-rest/task/" + taskIds.get(0) + "/submit-form", """
        {"variables": {"refundApproved": {"value": false}}}""").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    DocumentContext audit = json(api.get("admin", "/api/audit?recordId=" + caseId));
    assertThat((List<String>) audit.read("$[?(@.action == 'case.opened')].actor")).containsExactly("webform");
    assertThat((List<String>) audit.read("$[?(@.action == 'case.opened')].processInstanceId"))
        .containsExactly(processInstanceId);
    assertThat((List<List<String>>) audit.read("$[?(@.action == 'case.opened')].details.fields")).containsExactly(
        List.of("customerEmail", "customerName", "subject", "description", "category", "refundAmount"));
    assertThat((List<Boolean>) audit.read("$[?(@.action == 'case.replied')].details.reopened"))
        .containsExactly(false);
    assertThat((List<String>) audit.read("$[?(@.action == 'task.completed')].actor")).containsExactly("lea");
    assertThat((List<String>) audit.read("$[?(@.action == 'task.completed')].details.taskDefinitionKey"))
        .containsExactly("Task_ApproveRefund");
    assertThat((List<List<String>>) audit.read("$[?(@.action == 'task.completed')].details.variables"))
        .containsExactly(List.of("refundApproved"));
    assertThat(api.get("admin", "/api/audit?recordId=" + caseId).getBody())
        .doesNotContain(email, "Casey", "Auditperson", "kettle", "leaks");
  }

  @Test
  void shouldAuditQuoteCreationAndTheCustomersAnswer() {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Quincy Quoted", "email": "audited.quote.%s@example.org"}""".formatted(UUID.randomUUID())))
        .read("$.leadId");
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    ResponseEntity<String> created = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 2, "unitPrice": 100}], "discountPercent": 5}""");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String quoteId = json(created).read("$.id");
    String processInstanceId = json(created).read("$.processInstanceId");
    await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createEventSubscriptionQuery()
        .processInstanceId(processInstanceId).eventName(QuoteApprovalProcess.MESSAGE_QUOTE_ACCEPTED).count() == 1);
    assertThat(api.post("webform", "/api/quotes/" + quoteId + "/acceptance", "{\"accepted\": true}")
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    DocumentContext audit = json(api.get("admin", "/api/audit?recordId=" + quoteId + "&recordType=Quote"));
    assertThat((List<String>) audit.read("$[*].action")).containsExactly("quote.accepted", "quote.created");
    assertThat((List<String>) audit.read("$[*].actor")).containsExactly("webform", "sam");
    assertThat((List<String>) audit.read("$[*].processInstanceId")).containsOnly(processInstanceId);
    assertThat((Map<String, Object>) audit.read("$[1].details")).containsEntry("opportunityId", opportunityId)
        .containsEntry("lineItems", 1).containsEntry("total", 190.0);
    assertThat((String) audit.read("$[0].details.status")).isEqualTo("ACCEPTED");
  }

  @Test
  void shouldRejectBadFilters() {
    ResponseEntity<String> badFrom = api.get("admin", "/api/audit?from=yesterday");
    assertThat(badFrom.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) json(badFrom).read("$.errors[0].field")).isEqualTo("from");
    ResponseEntity<String> badLimit = api.get("admin", "/api/audit?limit=100000");
    assertThat(badLimit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) json(badLimit).read("$.errors[0].field")).isEqualTo("limit");
  }
}

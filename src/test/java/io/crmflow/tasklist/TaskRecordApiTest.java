package io.crmflow.tasklist;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.lead.LeadQualification;
import io.crmflow.opportunity.OpportunityFollowUpProcess;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/tasks/{taskId}/record}: which record each process's tasks work on, and who may ask. */
@ApiTest
class TaskRecordApiTest {

  @Autowired Api api;
  @Autowired TaskService taskService;
  @Autowired LeadQualification leadQualification;

  @Test
  void shouldNameTheLeadBehindReviewLeadToSalesOnly() {
    String leadId = hotLead();
    Task review = awaitTask(leadId, LeadIntakeProcess.TASK_REVIEW_LEAD);

    ResponseEntity<String> response = api.get("sam", "/api/tasks/" + review.getId() + "/record");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext record = json(response);
    assertThat((String) record.read("$.type")).isEqualTo("lead");
    assertThat((String) record.read("$.id")).isEqualTo(leadId);
    assertThat((String) record.read("$.href")).isEqualTo("/app/leads/" + leadId);
    assertThat((String) record.read("$.api")).isEqualTo("/api/leads/" + leadId);
    assertThat((String) record.read("$.taskDefinitionKey")).isEqualTo(LeadIntakeProcess.TASK_REVIEW_LEAD);
    assertThat(api.get("mia", "/api/tasks/" + review.getId() + "/record").getStatusCode())
        .as("sales managers supervise lead intake").isEqualTo(HttpStatus.OK);

    // support cannot see the task in Tasklist, so it does not exist for them here either
    assertProblem(api.get("sue", "/api/tasks/" + review.getId() + "/record"), HttpStatus.NOT_FOUND);
    assertProblem(api.get("dan", "/api/tasks/" + review.getId() + "/record"), HttpStatus.NOT_FOUND);
    assertProblem(api.get(null, "/api/tasks/" + review.getId() + "/record"), HttpStatus.UNAUTHORIZED);
    assertProblem(api.get("webform", "/api/tasks/" + review.getId() + "/record"), HttpStatus.FORBIDDEN);
    assertProblem(api.get("sam", "/api/tasks/no-such-task/record"), HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldNameTheCaseBehindHandleCase() {
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Export fails", "description": "It stops at 80 %%.",
         "category": "technical"}""".formatted(unique("ada")))).read("$.caseId");
    Task handle = awaitTask(caseId, SupportCaseProcess.TASK_HANDLE_CASE);

    DocumentContext record = json(api.get("sue", "/api/tasks/" + handle.getId() + "/record"));

    assertThat((String) record.read("$.type")).isEqualTo("case");
    assertThat((String) record.read("$.id")).isEqualTo(caseId);
    assertThat((String) record.read("$.href")).isEqualTo("/app/cases/" + caseId);
    assertThat((String) record.read("$.api")).isEqualTo("/api/cases/" + caseId);
    assertThat((String) record.read("$.taskDefinitionKey")).isEqualTo(SupportCaseProcess.TASK_HANDLE_CASE);
    assertProblem(api.get("sam", "/api/tasks/" + handle.getId() + "/record"), HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldNameTheCaseBehindARefundApproval() {
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Charged twice", "description": "Twice for order 4711.",
         "category": "billing", "orderReference": "4711", "refundAmount": 249.90}""".formatted(unique("grace"))))
        .read("$.caseId");
    Task approve = awaitTask(caseId, SupportCaseProcess.TASK_APPROVE_REFUND);

    DocumentContext record = json(api.get("lea", "/api/tasks/" + approve.getId() + "/record"));

    assertThat((String) record.read("$.type")).isEqualTo("case");
    assertThat((String) record.read("$.id")).isEqualTo(caseId);
    assertThat((String) record.read("$.api")).isEqualTo("/api/cases/" + caseId);
    assertThat((String) record.read("$.taskDefinitionKey")).isEqualTo(SupportCaseProcess.TASK_APPROVE_REFUND);
    assertProblem(api.get("sue", "/api/tasks/" + approve.getId() + "/record"), HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldNameTheQuoteBehindAnApproval() {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "company": "Engines Ltd"}""".formatted(unique("quote"))))
        .read("$.leadId");
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00}], "discountPercent": 15}"""))
        .read("$.id");
    Task approve = awaitTask(quoteId, QuoteApprovalProcess.TASK_APPROVE_BY_MANAGER);

    DocumentContext record = json(api.get("mia", "/api/tasks/" + approve.getId() + "/record"));

    assertThat((String) record.read("$.type")).isEqualTo("quote");
    assertThat((String) record.read("$.id")).isEqualTo(quoteId);
    assertThat((String) record.read("$.href")).isEqualTo("/app/quotes/" + quoteId);
    assertThat((String) record.read("$.api")).isEqualTo("/api/quotes/" + quoteId);
    assertProblem(api.get("sam", "/api/tasks/" + approve.getId() + "/record"), HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldNameTheOpportunityBehindItsFollowUpToSales() {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "company": "Engines Ltd"}""".formatted(unique("followup"))))
        .read("$.leadId");
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    Task followUp = awaitTask(opportunityId, OpportunityFollowUpProcess.TASK_FOLLOW_UP);

    ResponseEntity<String> response = api.get("sam", "/api/tasks/" + followUp.getId() + "/record");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext record = json(response);
    assertThat((String) record.read("$.type")).isEqualTo("opportunity");
    assertThat((String) record.read("$.id")).isEqualTo(opportunityId);
    assertThat((String) record.read("$.href")).isEqualTo("/app/opportunities/" + opportunityId);
    assertThat((String) record.read("$.api")).isEqualTo("/api/opportunities/" + opportunityId);
    assertThat((String) record.read("$.taskDefinitionKey")).isEqualTo(OpportunityFollowUpProcess.TASK_FOLLOW_UP);
    assertThat(api.get("sam", "/api/opportunities/" + opportunityId).getStatusCode())
        .as("the plug-in reads the opportunity as the same user").isEqualTo(HttpStatus.OK);
    assertThat(api.get("mia", "/api/tasks/" + followUp.getId() + "/record").getStatusCode())
        .as("sales managers supervise the follow-up").isEqualTo(HttpStatus.OK);
    assertProblem(api.get("sue", "/api/tasks/" + followUp.getId() + "/record"), HttpStatus.NOT_FOUND);
  }

  /** Tasklist loads the plug-in through crmflow's config.js, which replaces the one in Camunda's webjar. */
  @Test
  void shouldServeThePlugInThroughTasklistsConfiguration() {
    ResponseEntity<String> config = api.get(null, "/camunda/app/tasklist/scripts/config.js");
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody()).contains("customScripts: ['scripts/crmflow/record-plugin.js']");

    ResponseEntity<String> plugIn = api.get(null, "/camunda/app/tasklist/scripts/crmflow/record-plugin.js");
    assertThat(plugIn.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(plugIn.getBody()).contains("pluginPoint: 'tasklist.card'", "pluginPoint: 'tasklist.task.detail'")
        .as("data reaches the page as text only").doesNotContain("innerHTML");
  }

  private String hotLead() {
    return json(api.post("webform", "/api/leads", """
        {"name": "Hot Lead", "email": "%s", "company": "Hot Ltd", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(unique("hot")))).read("$.leadId");
  }

  private Task awaitTask(String businessKey, String taskDefinitionKey) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceBusinessKey(businessKey).taskDefinitionKey(taskDefinitionKey).singleResult(), task -> task != null);
  }

  private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID() + "@example.org";
  }
}

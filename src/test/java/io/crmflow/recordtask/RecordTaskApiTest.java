package io.crmflow.recordtask;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.lead.LeadQualification;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.PersonalDataScan;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/{leads|opportunities|quotes|cases}/{id}/tasks}: a to-do on a record, in the assignee's
 * Tasklist and on the record, with its title kept out of the engine.
 */
@ApiTest
class RecordTaskApiTest {

  private static final OffsetDateTime DUE = OffsetDateTime.now(ZoneOffset.ofHours(1)).plusDays(2)
      .truncatedTo(ChronoUnit.SECONDS);

  @Autowired Api api;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired LeadQualification leadQualification;

  @Test
  void shouldPutATaskOnALeadIntoTheAssigneesTasklistWithItsTitleOnlyInCrmflow() {
    String leadId = lead();
    String title = "Call back about the volume discount " + UUID.randomUUID();

    ResponseEntity<String> created = api.post("sam", "/api/leads/" + leadId + "/tasks", """
        {"title": "%s", "due": "%s"}""".formatted(title, DUE));

    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    DocumentContext task = json(created);
    String id = task.read("$.id");
    assertThat(created.getHeaders().getLocation()).hasToString("/api/leads/" + leadId + "/tasks/" + id);
    assertThat((String) task.read("$.title")).isEqualTo(title);
    assertThat((String) task.read("$.recordType")).isEqualTo("lead");
    assertThat((String) task.read("$.recordId")).isEqualTo(leadId);
    assertThat(Instant.parse(task.read("$.due"))).isEqualTo(DUE.toInstant());
    assertThat((String) task.read("$.assignee")).as("the caller, when no one else is named").isEqualTo("sam");
    assertThat((String) task.read("$.createdBy")).isEqualTo("sam");
    assertThat((String) task.read("$.status")).isEqualTo("open");

    // in Tasklist: sam's, due when asked, offered to the sales team; "To do", not the title
    Task tasklistTask = taskService.createTaskQuery().taskId(task.read("$.taskId")).singleResult();
    assertThat(tasklistTask.getName()).isEqualTo("To do");
    assertThat(tasklistTask.getAssignee()).isEqualTo("sam");
    assertThat(tasklistTask.getDueDate().toInstant()).isEqualTo(DUE.toInstant());
    assertThat(candidateGroups(tasklistTask.getId())).containsExactlyInAnyOrder("sales", "sales-managers");
    assertThat((String) task.read("$.tasklist")).endsWith("?task=" + tasklistTask.getId());
    // the Tasklist plug-in finds the lead behind it, and the title in the lead's tasks
    DocumentContext record = json(api.get("sam", "/api/tasks/" + tasklistTask.getId() + "/record"));
    assertThat((String) record.read("$.type")).isEqualTo("lead");
    assertThat((String) record.read("$.api")).isEqualTo("/api/leads/" + leadId);
    assertThat((String) record.read("$.taskDefinitionKey")).isEqualTo(RecordTaskProcess.TASK_TO_DO);
    DocumentContext list = json(api.get("sam", "/api/leads/" + leadId + "/tasks"));
    assertThat((List<String>) list.read("$[*].title")).containsExactly(title);
    assertThat((String) list.read("$[0].taskId")).isEqualTo(tasklistTask.getId());
    assertThat(json(api.get("mia", "/api/leads/" + leadId + "/tasks/" + id)).read("$.title", String.class))
        .isEqualTo(title);

    assertThat(PersonalDataScan.find(jdbc,
        table -> table.startsWith("ACT_RU_") || table.startsWith("ACT_HI_") || table.equals("ACT_GE_BYTEARRAY"),
        List.of(title))).as("the title in the engine's tables").isEmpty();
    assertThat(PersonalDataScan.find(jdbc, table -> table.equals("CRM_RECORD_TASK"), List.of(title)))
        .as("the scan finds what is there").isNotEmpty();
  }

  @Test
  void shouldMarkTheTaskDoneWhenCompletedInTasklistAndFollowAReassignment() {
    String leadId = lead();
    DocumentContext task = json(api.post("mia", "/api/leads/" + leadId + "/tasks", """
        {"title": "Send the reference list", "due": "%s", "assignee": "sam"}""".formatted(DUE)));
    String taskId = task.read("$.taskId");
    assertThat((String) task.read("$.assignee")).isEqualTo("sam");
    assertThat((String) task.read("$.createdBy")).isEqualTo("mia");

    taskService.setAssignee(taskId, "mia");
    assertThat(json(api.get("sam", "/api/leads/" + leadId + "/tasks")).read("$[0].assignee", String.class))
        .as("reassigned in Tasklist").isEqualTo("mia");

    ResponseEntity<String> completed = api.post("mia", "/engine-rest/task/" + taskId + "/complete", "{}");
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    DocumentContext done = json(api.get("sam", "/api/leads/" + leadId + "/tasks"));
    assertThat((String) done.read("$[0].status")).isEqualTo("done");
    assertThat((String) done.read("$[0].completedBy")).isEqualTo("mia");
    assertThat((String) done.read("$[0].completedAt")).isNotNull();
    assertThat((List<Object>) done.read("$[0][?(@.taskId)]")).as("no Tasklist task any more").isEmpty();
    assertThat(jdbc.queryForObject("""
            select record_type from crm_audit where action = 'task.completed' and record_id = ?""",
        String.class, leadId)).as("the completion is audited against the lead").isEqualTo("lead");
    assertThat(jdbc.queryForObject("select count(*) from crm_audit where action = 'lead.task-added' and record_id = ?",
        Integer.class, leadId)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "opportunities, opportunity, sam, sales, sales-managers",
      "quotes, quote, dan, sales, sales-managers",
      "cases, case, sue, support, support-leads"})
  void shouldAddTasksToEveryKindOfRecordForItsTeam(String collection, String type, String user, String team,
      String supervisors) {
    String recordId = switch (type) {
      case "opportunity" -> opportunity();
      case "quote" -> quote(opportunity());
      default -> supportCase();
    };

    ResponseEntity<String> created = api.post(user, "/api/" + collection + "/" + recordId + "/tasks", """
        {"title": "Check in", "due": "%s"}""".formatted(DUE));

    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    String taskId = json(created).read("$.taskId");
    assertThat(candidateGroups(taskId)).containsExactlyInAnyOrder(team, supervisors);
    DocumentContext record = json(api.get(user, "/api/tasks/" + taskId + "/record"));
    assertThat((String) record.read("$.type")).isEqualTo(type);
    assertThat((String) record.read("$.href")).isEqualTo("/app/" + collection + "/" + recordId);
    assertThat((List<String>) json(api.get(user, "/api/" + collection + "/" + recordId + "/tasks"))
        .read("$[*].title")).containsExactly("Check in");
  }

  @Test
  void shouldAddOneTaskForRepeatsOfOneIdempotencyKey() {
    String leadId = lead();
    String body = """
        {"title": "Prepare the demo", "due": "%s"}""".formatted(DUE);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    ResponseEntity<String> first = api.post("sam", "/api/leads/" + leadId + "/tasks", body, key);
    ResponseEntity<String> repeat = api.post("sam", "/api/leads/" + leadId + "/tasks", body, key);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(json(repeat).read("$.id", String.class)).isEqualTo(json(first).read("$.id", String.class));
    assertThat((List<Object>) json(api.get("sam", "/api/leads/" + leadId + "/tasks")).read("$")).hasSize(1);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(RecordTaskProcess.TASK_TO_DO).count()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "title    | {\"due\": \"%s\"}",
      "title    | {\"title\": \"  \", \"due\": \"%s\"}",
      "title    | {\"title\": \"line one\\nline two\", \"due\": \"%s\"}",
      "due      | {\"title\": \"Call\"}",
      "due      | {\"title\": \"Call\", \"due\": \"tomorrow\"}",
      "due      | {\"title\": \"Call\", \"due\": \"2020-01-01T09:00:00Z\"}",
      "assignee | {\"title\": \"Call\", \"due\": \"%s\", \"assignee\": \"nobody-here\"}",
      "assignee | {\"title\": \"Call\", \"due\": \"%s\", \"assignee\": \"sue\"}"})
  void shouldRefuseABadTaskNamingTheField(String field, String body) {
    String leadId = lead();

    ResponseEntity<String> refused = api.post("sam", "/api/leads/" + leadId + "/tasks", body.formatted(DUE));

    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<String>) json(refused).read("$.errors[*].field")).containsExactly(field);
    assertThat(jdbc.queryForObject("select count(*) from crm_record_task where record_id = ?", Integer.class, leadId))
        .isZero();
  }

  @Test
  void shouldRefuseTooLongATitle() {
    ResponseEntity<String> refused = api.post("sam", "/api/leads/" + lead() + "/tasks", """
        {"title": "%s", "due": "%s"}""".formatted("x".repeat(201), DUE));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(refused).read("$.errors[*].field")).containsExactly("title");
  }

  @Test
  void shouldAnswer404ForAnUnknownRecordAnd403ForOtherTeams() {
    String body = """
        {"title": "Call", "due": "%s"}""".formatted(DUE);
    String unknown = UUID.randomUUID().toString();

    assertThat(api.post("sam", "/api/leads/" + unknown + "/tasks", body).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("sam", "/api/leads/" + unknown + "/tasks").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.post("sam", "/api/cases/" + unknown + "/tasks", body).getStatusCode())
        .as("sales may not read cases").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.post("sue", "/api/leads/" + lead() + "/tasks", body).getStatusCode())
        .as("support may not read leads").isEqualTo(HttpStatus.FORBIDDEN);
    String leadId = lead();
    String otherLeadsTask = json(api.post("sam", "/api/leads/" + lead() + "/tasks", body)).read("$.id");
    assertThat(api.get("sam", "/api/leads/" + leadId + "/tasks/" + otherLeadsTask).getStatusCode())
        .as("a task of another lead").isEqualTo(HttpStatus.NOT_FOUND);
  }

  private List<String> candidateGroups(String taskId) {
    return taskService.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId).toList();
  }

  private String lead() {
    ResponseEntity<String> created = api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "ada.%s@example.org", "source": "other"}""".formatted(UUID.randomUUID()));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(created).read("$.leadId");
  }

  private String opportunity() {
    return leadQualification.qualify(lead(), "sam").id();
  }

  private String quote(String opportunityId) {
    ResponseEntity<String> created = api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00}], "discountPercent": 0}""");
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(created).read("$.id");
  }

  private String supportCase() {
    ResponseEntity<String> created = api.post("webform", "/api/cases", """
        {"customerEmail": "grace.%s@example.org", "subject": "Export fails", "description": "It stops.",
         "category": "technical"}""".formatted(UUID.randomUUID()));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(created).read("$.caseId");
  }
}

package io.crmflow.supportcase;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Support cases end to end through HTTP, with the job executor and a real SMTP server. */
@ApiTest
class SupportCaseApiTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void purgeMail() throws Exception {
    TestSmtp.purge();
  }

  @Test
  void shouldOpenACaseAcknowledgeItAndShowItToSupport() throws Exception {
    String email = unique("ada");
    ResponseEntity<String> response = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "customerName": "Ada Lovelace", "subject": "Export fails",
         "description": "The export stops at 80 %%.\\nSince yesterday.", "category": "technical"}
        """.formatted(email));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String caseId = json(response).read("$.caseId");
    String caseNumber = json(response).read("$.caseNumber");
    assertThat(caseNumber).matches("CASE-\\d{6}");
    assertThat(response.getHeaders().getLocation()).hasToString("/api/cases/" + caseId);

    MimeMessage received = awaitSingleMessageTo(email);
    assertThat(received.getSubject()).isEqualTo("We received your request " + caseNumber + ": Export fails");

    DocumentContext supportCase = awaitCase(caseId, "IN_PROGRESS");
    assertThat((String) supportCase.read("$.caseNumber")).isEqualTo(caseNumber);
    assertThat((String) supportCase.read("$.customerEmail")).isEqualTo(email);
    assertThat((String) supportCase.read("$.description")).isEqualTo("The export stops at 80 %.\nSince yesterday.");
    assertThat((String) supportCase.read("$.category")).isEqualTo("technical");
    assertThat((String) supportCase.read("$.priority")).isEqualTo("high");
    assertThat((String) supportCase.read("$.team")).isEqualTo("technical");
    List<String> steps = supportCase.read("$.timeline[*].activityId");
    assertThat(steps).containsSubsequence("StartEvent_CaseReceived", "Task_SendCaseReceivedEmail", "Task_TriageCase",
        "Task_MarkCaseInProgress", "Task_HandleCase");
    List<String> templates = supportCase.read("$.messages[*].template");
    assertThat(templates).containsExactly("case-received");
    assertThat(api.get("lea", "/api/cases/" + caseId).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("admin", "/api/cases/" + caseId).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldReopenAResolvedCaseOnAReplyAndRefuseRepliesOnceClosed() throws Exception {
    String email = unique("grace");
    String caseId = json(api.post("sue", "/api/cases", """
        {"customerEmail": "%s", "subject": "Password reset", "description": "Link expired", "category": "account"}
        """.formatted(email))).read("$.caseId");
    Task handle = await().atMost(Duration.ofSeconds(20)).until(() -> taskService.createTaskQuery()
        .processInstanceBusinessKey(caseId).taskDefinitionKey(SupportCaseProcess.TASK_HANDLE_CASE).singleResult(),
        task -> task != null);
    taskService.complete(handle.getId(), Map.of("outcome", "resolved", "resolution", "We sent you a new link."));
    awaitCase(caseId, "RESOLVED");
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.messagesTo(email).size() == 2);

    ResponseEntity<String> reply = api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "The new link does not work either.\\nRegards"}""");

    assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat((Boolean) json(reply).read("$.reopened")).isTrue();
    assertThat((String) json(reply).read("$.status")).isEqualTo("IN_PROGRESS");
    DocumentContext reopened = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((String) reopened.read("$.resolution")).isEqualTo("We sent you a new link.");
    assertThat((String) reopened.read("$.replies[0].message")).isEqualTo("The new link does not work either.\nRegards");
    List<String> steps = reopened.read("$.timeline[*].activityId");
    assertThat(steps).contains("Event_CaseReplyReceived", "Task_ReopenCase");

    jdbc.sql("update crm_case set status = 'CLOSED' where id = :id").param("id", caseId).update();
    ResponseEntity<String> late = api.post("webform", "/api/cases/" + caseId + "/replies", """
        {"message": "Hello?"}""");
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(repliesOf(caseId)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "customerEmail  | {\"customerEmail\": \"not-an-email\", \"subject\": \"S\", \"description\": \"D\"}",
      "customerEmail  | {\"subject\": \"S\", \"description\": \"D\"}",
      "customerEmail  | {\"customerEmail\": \"a@b.org\\r\\nBcc: x@evil.org\", \"subject\": \"S\", \"description\": \"D\"}",
      "subject        | {\"customerEmail\": \"a@b.org\", \"description\": \"D\"}",
      "subject        | {\"customerEmail\": \"a@b.org\", \"subject\": \"Hi\\r\\nBcc: x@evil.org\", \"description\": \"D\"}",
      "customerName   | {\"customerEmail\": \"a@b.org\", \"customerName\": \"A\\nB\", \"subject\": \"S\", \"description\": \"D\"}",
      "orderReference | {\"customerEmail\": \"a@b.org\", \"orderReference\": \"O\\t1\", \"subject\": \"S\", \"description\": \"D\"}",
      "description    | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \" \"}",
      "description    | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"bad \\u0000 byte\"}",
      "category       | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"category\": \"sales\"}",
      "refundAmount   | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"refundAmount\": 0}",
      "refundAmount   | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"refundAmount\": -5}",
      "refundAmount   | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"refundAmount\": 10.005}",
      "refundAmount   | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"refundAmount\": 100000.01}",
      "refundAmount   | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"refundAmount\": \"lots\"}",
      "priority       | {\"customerEmail\": \"a@b.org\", \"subject\": \"S\", \"description\": \"D\", \"priority\": \"urgent\"}"})
  void shouldRejectAnInvalidCaseNamingTheFieldAndStoreNothing(String field, String body) {
    long before = caseCount();

    ResponseEntity<String> response = api.post("webform", "/api/cases", body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    List<String> fields = json(response).read("$.errors[*].field");
    assertThat(fields).contains(field);
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void shouldAcceptTheLargestRefundAndAnUnknownCategoryDefaultsToOther() {
    ResponseEntity<String> response = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Refund", "description": "Please", "refundAmount": 100000.00}
        """.formatted(unique("max")));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + json(response).read("$.caseId")));
    assertThat((String) supportCase.read("$.category")).isEqualTo("other");
    assertThat((Double) supportCase.read("$.refundAmount")).isEqualTo(100000.0);
    assertThat((String) supportCase.read("$.refundStatus")).isEqualTo("REQUESTED");
  }

  @Test
  void shouldAnswerTheSameIdempotencyKeyWithTheSameCase() {
    String body = """
        {"customerEmail": "%s", "subject": "Twice", "description": "Sent twice"}""".formatted(unique("idem"));
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    ResponseEntity<String> first = api.post("webform", "/api/cases", body, key);
    ResponseEntity<String> second = api.post("webform", "/api/cases", body, key);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(json(second).jsonString()).isEqualTo(json(first).jsonString());
    assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(json(first).read("$.caseId")).count()).isEqualTo(1);
    ResponseEntity<String> reused = api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Other", "description": "Other"}""".formatted(unique("other")), key);
    assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }

  @Test
  void shouldRejectAnEmptyReplyAndAnswer404ForUnknownCases() {
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "S", "description": "D"}""".formatted(unique("x")))).read("$.caseId");

    ResponseEntity<String> empty = api.post("webform", "/api/cases/" + caseId + "/replies", "{\"message\": \" \"}");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(empty).read("$.errors[*].field")).containsExactly("message");
    ResponseEntity<String> unknownField = api.post("webform", "/api/cases/" + caseId + "/replies",
        "{\"message\": \"Hi\", \"status\": \"CLOSED\"}");
    assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(repliesOf(caseId)).isZero();

    ResponseEntity<String> unknownGet = api.get("sue", "/api/cases/" + UUID.randomUUID());
    assertThat(unknownGet.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknownGet.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    ResponseEntity<String> unknownReply = api.post("webform", "/api/cases/" + UUID.randomUUID() + "/replies",
        "{\"message\": \"Hi\"}");
    assertThat(unknownReply.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @ParameterizedTest(name = "{0} {1} without credentials is 401")
  @CsvSource({"POST, /api/cases", "GET, /api/cases/123", "POST, /api/cases/123/replies"})
  void shouldRequireAuthentication(HttpMethod method, String path) {
    ResponseEntity<String> response = api.exchange(null, method, path, method == HttpMethod.POST ? "{}" : null,
        Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @ParameterizedTest(name = "{0} may not {1} {2}")
  @CsvSource({"sam, POST, /api/cases", "mia, POST, /api/cases", "webform, GET, /api/cases/123",
      "sam, GET, /api/cases/123", "lea, POST, /api/cases/123/replies", "sam, POST, /api/cases/123/replies"})
  void shouldForbidWhatTheGroupMayNotDo(String user, HttpMethod method, String path) {
    long before = caseCount();
    ResponseEntity<String> response = api.exchange(user, method, path, method == HttpMethod.POST ? """
        {"customerEmail": "%s", "subject": "S", "description": "D", "message": "M"}""".formatted(unique("f")) : null,
        Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(caseCount()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} may open a case")
  @CsvSource({"webform", "sue", "lea", "admin"})
  void shouldLetIntegrationSupportAndAdminsOpenCases(String user) {
    ResponseEntity<String> response = api.post(user, "/api/cases", """
        {"customerEmail": "%s", "subject": "S", "description": "D"}""".formatted(unique(user)));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  private DocumentContext awaitCase(String caseId, String status) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("sue", "/api/cases/" + caseId)),
        supportCase -> status.equals(supportCase.read("$.status")));
  }

  private static MimeMessage awaitSingleMessageTo(String email) {
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.messagesTo(email).size() == 1);
    return TestSmtp.messagesTo(email).get(0);
  }

  private long caseCount() {
    return jdbc.sql("select count(*) from crm_case").query(Long.class).single();
  }

  private long repliesOf(String caseId) {
    return jdbc.sql("select count(*) from crm_case_reply where case_id = :id").param("id", caseId)
        .query(Long.class).single();
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID() + "@example.org";
  }
}

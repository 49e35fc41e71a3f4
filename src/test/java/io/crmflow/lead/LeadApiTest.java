package io.crmflow.lead;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Lead intake end to end through HTTP, with the job executor and a real SMTP server. */
@ApiTest
class LeadApiTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  @BeforeEach
  void purgeMail() throws Exception {
    TestSmtp.purge();
  }

  @Test
  void shouldAcceptLeadStoreItAndSendTheWelcomeEmail() throws Exception {
    String email = unique("grace");
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "Grace Hopper", "email": "%s", "phone": "(202) 555-0143", "company": "Navy",
         "companySize": 250, "budget": 30000, "source": "webinar", "marketingConsent": true}
        """.formatted(email));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String leadId = json(response).read("$.leadId");
    String processInstanceId = json(response).read("$.processInstanceId");
    assertThat(response.getHeaders().getLocation()).hasToString("/api/leads/" + leadId);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()
        + historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .isPositive();

    MimeMessage welcome = awaitSingleMessageTo(email);
    assertThat(welcome.getSubject()).isEqualTo("Welcome to crmflow, Grace Hopper");
    assertThat(welcome.getMessageID()).startsWith("<" + processInstanceId + ".Task.SendWelcomeEmail.job-");

    // webinar 20 + 250 employees 20 + budget 30000 25 = 65: warm, so the intake ends in nurturing
    DocumentContext lead = awaitLead(leadId, "NURTURING");
    assertThat((Integer) lead.read("$.score")).isEqualTo(65);
    assertThat((String) lead.read("$.rating")).isEqualTo("warm");
    assertThat((String) lead.read("$.email")).isEqualTo(email);
    List<String> steps = lead.read("$.timeline[*].activityId");
    assertThat(steps).containsSubsequence("StartEvent_LeadSubmitted", "Task_CreateOrUpdateLead", "Task_ScoreLead",
        "Task_SendWelcomeEmail", "Task_MoveLeadToNurturing", "EndEvent_NurtureRequested");
    List<String> names = lead.read("$.timeline[*].name");
    assertThat(names).contains("Score lead", "Send welcome email");

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
        .as("process variables hold ids and routing facts, never personal data")
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
            .doesNotContain("Grace", "Hopper", email, "2025550143", "Navy"));
  }

  @Test
  void shouldSendTheWelcomeEmailInChineseWithEncodedSubjectAndBothParts() throws Exception {
    String email = unique("zhang.wei");
    api.post("webform", "/api/leads", """
        {"name": "张伟", "email": "%s", "locale": "zh-CN", "company": "北京科技"}
        """.formatted(email));

    MimeMessage welcome = awaitSingleMessageTo(email);
    assertThat(welcome.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(welcome.getSubject()).isEqualTo("欢迎您，张伟");
    assertThat(welcome.getAllRecipients()[0].toString()).contains(email);
    Map<String, String> parts = parts(welcome);
    assertThat(parts.get("text/plain")).contains("尊敬的 张伟").contains("北京科技");
    assertThat(parts.get("text/html")).contains("尊敬的 <span>张伟</span>");
  }

  @Test
  void shouldEscapeMarkupFromTheLeadInTheEmail() throws Exception {
    String email = unique("mallory");
    api.post("webform", "/api/leads", """
        {"name": "<script>alert(1)</script>", "email": "%s", "company": "<b>Evil</b> & Co"}
        """.formatted(email));

    Map<String, String> parts = parts(awaitSingleMessageTo(email));
    assertThat(parts.get("text/html"))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co")
        .doesNotContain("<script>")
        .doesNotContain("<b>Evil");
    assertThat(parts.get("text/plain")).contains("<script>alert(1)</script>");
  }

  @Test
  void shouldAnswerTheSameIdempotencyKeyWithTheSameAnswerAndStartNothingNew() throws Exception {
    String email = unique("idem");
    String body = """
        {"name": "Idem Potent", "email": "%s"}""".formatted(email);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    ResponseEntity<String> first = api.post("webform", "/api/leads", body, key);
    ResponseEntity<String> second = api.post("webform", "/api/leads", body, key);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    assertThat(json(second).jsonString()).isEqualTo(json(first).jsonString());
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    awaitSingleMessageTo(email);
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(json(first).read("$.leadId")).count()).isEqualTo(1);

    ResponseEntity<String> reused = api.post("webform", "/api/leads", """
        {"name": "Someone Else", "email": "%s"}""".formatted(unique("other")), key);
    assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(reused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void shouldMergeASecondSubmissionOfTheSameAddressIntoTheRunningIntake() {
    String email = unique("hot");
    ResponseEntity<String> first = api.post("webform", "/api/leads", """
        {"name": "Hot Lead", "email": "%s", "source": "referral", "companySize": 5000, "budget": 500000}
        """.formatted(email));
    String leadId = json(first).read("$.leadId");
    awaitLead(leadId, "IN_REVIEW");

    ResponseEntity<String> again = api.post("webform", "/api/leads", """
        {"name": "Hot Lead", "email": "%s", "phone": "+49 30 1234567", "company": "Later Inc"}
        """.formatted(email.toUpperCase()));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(again).read("$.leadId")).isEqualTo(leadId);
    assertThat((String) json(again).read("$.processInstanceId")).isEqualTo(json(first).read("$.processInstanceId"));
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isEqualTo(1);
    DocumentContext lead = json(api.get("sam", "/api/leads/" + leadId));
    assertThat((String) lead.read("$.phone")).isEqualTo("+49301234567");
    assertThat((String) lead.read("$.company")).isEqualTo("Later Inc");
    assertThat((Integer) lead.read("$.companySize")).isEqualTo(5000);
  }

  @RepeatedTest(5)
  void shouldCreateOneLeadAndOneIntakeWhenTheSameAddressArrivesConcurrently() throws Exception {
    String email = unique("race");
    // hot: the intake waits at "Review lead", so every request arrives while it runs, however late its thread starts
    String body = """
        {"name": "Race Condition", "email": "%s", "source": "referral", "companySize": 5000, "budget": 500000}
        """.formatted(email);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<ResponseEntity<String>>> answers = new java.util.ArrayList<>();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < 8; i++) {
      answers.add(pool.submit(() -> {
        start.await();
        return api.post("webform", "/api/leads", body);
      }));
    }
    start.countDown();
    List<ResponseEntity<String>> responses = new java.util.ArrayList<>();
    for (var answer : answers) {
      responses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(responses).extracting(ResponseEntity::getStatusCode)
        .containsOnly(HttpStatus.ACCEPTED, HttpStatus.OK)
        .filteredOn(status -> status == HttpStatus.ACCEPTED).hasSize(1);
    assertThat(responses).extracting(response -> (String) json(response).read("$.leadId")).containsOnly(
        (String) json(responses.get(0)).read("$.leadId"));
    assertThat(leadsWithEmail(email)).isEqualTo(1);
    assertThat(responses).extracting(response -> (String) json(response).read("$.contactId")).as("one contact")
        .containsOnly((String) json(responses.get(0)).read("$.contactId"));
    assertThat(jdbc.sql("select count(*) from crm_contact where lower(email) = lower(:email)").param("email", email)
        .query(Long.class).single()).as("the contacts of requests that lost the race are not left behind").isEqualTo(1);
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(json(responses.get(0)).read("$.leadId")).count()).isEqualTo(1);
  }

  @Test
  void shouldSendTheWelcomeEmailExactlyOnceWhenSmtpComesBackAfterAnOutage() throws Exception {
    String email = unique("outage");
    TestSmtp.stop();
    String processInstanceId;
    try {
      long started = System.nanoTime();
      ResponseEntity<String> response = api.post("webform", "/api/leads", """
          {"name": "Out Age", "email": "%s"}""".formatted(email));
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("SMTP outage does not slow the REST call")
          .isLessThan(Duration.ofSeconds(5));
      processInstanceId = json(response).read("$.processInstanceId");

      Job failed = await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
          .processInstanceId(processInstanceId).withException().singleResult(), job -> job != null);
      assertThat(failed.getRetries()).isLessThan(6).isPositive();
      assertThat(failed.getDuedate()).as("first retry within 30 s")
          .isBefore(new java.util.Date(System.currentTimeMillis() + 30_000));
    } finally {
      TestSmtp.start();
    }
    Job retry = managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
    managementService.setJobDuedate(retry.getId(), new java.util.Date());

    awaitSingleMessageTo(email);
    await().atMost(Duration.ofSeconds(20)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).finished().count() == 1);
    assertThat(TestSmtp.messagesTo(email)).hasSize(1);
  }

  @Test
  void shouldPatchFieldsNormaliseThemAndCountItAsActivity() {
    String leadId = nurturingLead("patch", false);
    String before = json(api.get("sam", "/api/leads/" + leadId)).read("$.lastActivityAt");

    ResponseEntity<String> response = patch("sam", leadId, """
        {"name": " Grace B. Hopper ", "phone": "+49 30 1234567", "company": "Navy Labs", "owner": "mia",
         "country": " de"}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext lead = json(response);
    assertThat((String) lead.read("$.name")).isEqualTo("Grace B. Hopper");
    assertThat((String) lead.read("$.phone")).isEqualTo("+49301234567");
    assertThat((String) lead.read("$.company")).isEqualTo("Navy Labs");
    assertThat((String) lead.read("$.owner")).isEqualTo("mia");
    assertThat((String) lead.read("$.country")).isEqualTo("DE");
    assertThat((String) lead.read("$.status")).isEqualTo("NURTURING");
    assertThat(java.time.Instant.parse(lead.read("$.lastActivityAt"))).isAfter(java.time.Instant.parse(before));

    DocumentContext cleared = json(patch("mia", leadId, """
        {"company": null, "owner": null}""", "application/merge-patch+json"));
    assertThat(cleared.read("$", Map.class)).doesNotContainKeys("company", "owner");
    assertThat((String) cleared.read("$.name")).isEqualTo("Grace B. Hopper");
  }

  @Test
  void shouldKeepTheCountryInCapitalsAndTakeANewerOneFromTheNextSubmission() {
    String email = unique("country");
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "country": "gb"}""".formatted(email))).read("$.leadId");
    assertThat((String) awaitLead(leadId, "NURTURING").read("$.country")).isEqualTo("GB");

    DocumentContext merged = json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "country": "IE"}""".formatted(email)));
    assertThat((String) merged.read("$.leadId")).as("an open lead takes the submission").isEqualTo(leadId);
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.country")).isEqualTo("IE");
    json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s"}""".formatted(email)));
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.country"))
        .as("an empty field does not clear a known one").isEqualTo("IE");
  }

  @Test
  void shouldRescoreWhenScoringFactsChangeAndSendAHotNurturedLeadToReview() {
    String leadId = nurturingLead("rescore", true);
    await().atMost(Duration.ofSeconds(20)).until(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).processInstanceBusinessKey(leadId).count() == 1);

    DocumentContext warmer = json(patch("sam", leadId, """
        {"companySize": 250}"""));
    assertThat((Integer) warmer.read("$.score")).isEqualTo(40);
    assertThat((String) warmer.read("$.status")).isEqualTo("NURTURING");

    // webinar 20 + 250 employees 20 + budget 100 000 40 = 80: hot
    DocumentContext hot = json(patch("sam", leadId, """
        {"budget": 100000}"""));
    assertThat((Integer) hot.read("$.score")).isEqualTo(80);
    assertThat((String) hot.read("$.rating")).isEqualTo("hot");
    assertThat((String) hot.read("$.status")).isEqualTo("IN_REVIEW");
    assertThat((String) hot.read("$.nurtureExitReason")).isEqualTo("RESCORED_HOT");
    List<String> steps = hot.read("$.timeline[*].activityId");
    assertThat(steps).containsSubsequence("EndEvent_NurtureRequested", "StartEvent_NurtureRequested",
        "Task_EndNurtureOnRescoredHot", "StartEvent_LeadRescoredHot", "Task_RouteLead", "Task_AssignOwner");
    assertThat((String) hot.read("$.owner")).as("assigned in the PATCH's transaction").isEqualTo("sam");
    // the owner is emailed in a job of its own; then the review waits for them
    await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("sam", "/api/leads/" + leadId))
        .<List<String>>read("$.timeline[*].activityId").contains("Task_ReviewLead"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> 400 naming {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{\"name\": \"  \"}                    | name",
      "{\"name\": null}                      | name",
      "{\"status\": null}                    | status",
      "{\"phone\": \"call me\"}              | phone",
      "{\"companySize\": -1}                 | companySize",
      "{\"companySize\": 1.5}                | companySize",
      "{\"budget\": \"lots\"}                | budget",
      "{\"source\": \"tv\"}                  | source",
      "{\"country\": \"ZZ\"}                 | country",
      "{\"status\": \"WON\"}                 | status",
      "{\"email\": \"new@example.org\"}      | email",
      "{\"owner\": \"sue\"}                  | owner",
      "{\"owner\": \"nobody\"}               | owner",
      "{\"company\": \"Evil\\r\\nBcc: x\"}   | company"})
  void shouldRejectAnInvalidPatchNamingTheFieldAndChangeNothing(String body, String field) {
    String leadId = nurturingLead("badpatch", false);
    String before = api.get("sam", "/api/leads/" + leadId).getBody();

    ResponseEntity<String> response = patch("sam", leadId, body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<String>) json(response).read("$.errors[*].field")).containsExactly(field);
    assertThat(api.get("sam", "/api/leads/" + leadId).getBody()).isEqualTo(before);
  }

  @Test
  void shouldAnswer404ForAnUnknownLead() {
    assertThat(patch("sam", "no-such-lead", "{\"company\": \"X\"}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.post("webform", "/api/leads/no-such-lead/replies", "{\"channel\": \"email\"}").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldAnswer409ForAStatusTheWorkflowOwnsOrThatIsFinal() {
    String hot = json(api.post("webform", "/api/leads", """
        {"name": "Hot Lead", "email": "%s", "source": "referral", "companySize": 5000, "budget": 500000}
        """.formatted(unique("conflict")))).read("$.leadId");
    awaitLead(hot, "IN_REVIEW");
    ResponseEntity<String> qualify = patch("sam", hot, "{\"status\": \"QUALIFIED\"}");
    assertThat(qualify.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) json(qualify).read("$.detail")).contains("IN_REVIEW", "QUALIFIED");
    assertThat((String) json(api.get("sam", "/api/leads/" + hot)).read("$.status")).isEqualTo("IN_REVIEW");

    String nurturing = nurturingLead("conflict2", false);
    assertThat(patch("sam", nurturing, "{\"status\": \"NEW\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(patch("sam", nurturing, "{\"status\": \"COLD\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(patch("sam", nurturing, "{\"status\": \"QUALIFIED\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void shouldLetOnlySalesPatchAndOnlySalesOrIntegrationsReportReplies() {
    String leadId = nurturingLead("access", false);
    assertThat(api.exchange(null, org.springframework.http.HttpMethod.PATCH, "/api/leads/" + leadId,
        "{\"company\": \"X\"}", Map.of()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(patch("webform", leadId, "{\"company\": \"X\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(patch("sue", leadId, "{\"company\": \"X\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.post(null, "/api/leads/" + leadId + "/replies", "{\"channel\": \"email\"}").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(api.post("sue", "/api/leads/" + leadId + "/replies", "{\"channel\": \"email\"}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.company")).isEqualTo("Navy");
  }

  @Test
  void shouldEndTheNurtureSequenceWhenTheLeadReplies() {
    String leadId = nurturingLead("reply", true);
    await().atMost(Duration.ofSeconds(20)).until(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).processInstanceBusinessKey(leadId).count() == 1);

    ResponseEntity<String> response = api.post("webform", "/api/leads/" + leadId + "/replies", """
        {"channel": "email", "receivedAt": "%s"}""".formatted(java.time.Instant.now().minusSeconds(60)));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Boolean) json(response).read("$.nurtureEnded")).isTrue();
    DocumentContext lead = json(api.get("sam", "/api/leads/" + leadId));
    assertThat((String) lead.read("$.nurtureExitReason")).isEqualTo("REPLIED");
    List<String> names = lead.read("$.timeline[*].name");
    assertThat(names).contains("Reply received", "End nurture: replied", "Nurture ended: replied");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> 400 naming {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{}                                                        | channel",
      "{\"channel\": \"pigeon\"}                                 | channel",
      "{\"channel\": \"email\", \"receivedAt\": \"2999-01-01T00:00:00Z\"} | receivedAt",
      "{\"channel\": \"email\", \"receivedAt\": \"yesterday\"}   | receivedAt",
      "{\"channel\": \"email\", \"text\": \"Yes please call me\"} | text"})
  void shouldRejectAnInvalidReplyNamingTheField(String body, String field) {
    String leadId = nurturingLead("badreply", false);
    ResponseEntity<String> response = api.post("webform", "/api/leads/" + leadId + "/replies", body);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).containsExactly(field);
  }

  @Test
  void shouldDeliverLeadUpdatedToAProcessWaitingForIt() {
    String leadId = nurturingLead("listener", false);
    String waiting = runtimeService.startProcessInstanceByKey("lead-updated-test", leadId).getId();

    patch("sam", leadId, """
        {"company": "Renamed Inc", "owner": "sam"}""");

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(waiting).finished().count())
        .as("Lead.Updated reached the waiting instance").isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(waiting)
        .variableName("changedFields").singleResult().getValue()).isEqualTo("company,owner");
  }

  private ResponseEntity<String> patch(String user, String leadId, String body) {
    return patch(user, leadId, body, MediaType.APPLICATION_JSON_VALUE);
  }

  private ResponseEntity<String> patch(String user, String leadId, String body, String contentType) {
    return api.exchange(user, org.springframework.http.HttpMethod.PATCH, "/api/leads/" + leadId, body,
        Map.of("Content-Type", contentType));
  }

  /** A warm lead whose intake ended in NURTURING; with consent its nurture sequence starts. */
  private String nurturingLead(String name, boolean consent) {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Grace Hopper", "email": "%s", "company": "Navy", "companySize": 200, "source": "webinar",
         "marketingConsent": %s}""".formatted(unique(name), consent))).read("$.leadId");
    awaitLead(leadId, "NURTURING");
    await().atMost(Duration.ofSeconds(20)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LeadIntakeProcess.KEY).processInstanceBusinessKey(leadId).finished().count() == 1);
    return leadId;
  }

  private DocumentContext awaitLead(String leadId, String status) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> json(api.get("sam", "/api/leads/" + leadId)),
        lead -> status.equals(lead.read("$.status")));
  }

  static MimeMessage awaitSingleMessageTo(String email) {
    await().atMost(Duration.ofSeconds(20)).until(() -> TestSmtp.messagesTo(email).size() == 1);
    return TestSmtp.messagesTo(email).get(0);
  }

  private static Map<String, String> parts(MimeMessage message) throws Exception {
    Map<String, String> parts = new java.util.HashMap<>();
    collect(message.getContent(), parts);
    return parts;
  }

  private static void collect(Object content, Map<String, String> parts) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.getContent() instanceof Multipart nested) {
          collect(nested, parts);
        } else {
          String type = part.getContentType().toLowerCase().startsWith("text/html") ? "text/html" : "text/plain";
          assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
          parts.put(type, (String) part.getContent());
        }
      }
    }
  }

  private long leadsWithEmail(String email) {
    return jdbc.sql("""
            select count(*) from crm_lead l join crm_contact_address a on a.contact_id = l.contact_id
            where a.email_normalized = lower(:email)
            """)
        .param("email", email).query(Long.class).single();
  }

  static String unique(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

}

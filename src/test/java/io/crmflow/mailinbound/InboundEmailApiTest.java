package io.crmflow.mailinbound;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.lead.LeadNurtureProcess;
import io.crmflow.lead.LeadQualification;
import io.crmflow.messaging.ReplyAddresses;
import io.crmflow.messaging.Suppressions;
import io.crmflow.supportcase.SupportCaseProcess;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.PersonalDataScan;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Mailgun's webhooks end to end: replies to crmflow's emails reach the quote's owner, the case, the nurture
 * sequence — by the signed Reply-To alone — or wait as unmatched for admins; late bounces and complaints reach the
 * contact, the suppression list and the message log; unsigned, forged and stale requests are refused.
 */
@ApiTest
class InboundEmailApiTest {

  private static final String SIGNING_KEY = "test-mailgun-signing-key-0123456789";
  private static final String EMAILS = "/api/inbound/email/mailgun";
  private static final String EVENTS = "/api/inbound/email/mailgun/events";

  @Autowired Api api;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate jdbcTemplate;
  @Autowired ReplyAddresses replyAddresses;
  @Autowired Suppressions suppressions;
  @Autowired LeadQualification leadQualification;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  /** Each test calls from an address of its own, so the rate limit of one does not reach another. */
  private final String clientAddress = "client-" + UUID.randomUUID();

  @BeforeEach
  void purgeMail() throws Exception {
    TestSmtp.purge();
  }

  @Test
  void shouldGiveTheQuoteOwnerATaskAndKeepTheReplyOutOfTheEngine() {
    String customer = unique("ada");
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Ada Lovelace", "email": "%s", "company": "Engines Ltd"}""".formatted(customer))).read("$.leadId");
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    String quoteId = json(api.post("sam", "/api/opportunities/" + opportunityId + "/quotes", """
        {"lineItems": [{"product": "Support plan", "quantity": 5, "unitPrice": 200.00}], "discountPercent": 0}"""))
        .read("$.id");
    String replyTo = replyToOf(customer, "quote");
    String text = "Could you make it ten seats? " + UUID.randomUUID();

    MultiValueMap<String, Object> reply = reply(replyTo, customer, text);
    ResponseEntity<String> answer = postEmail(reply, MediaType.MULTIPART_FORM_DATA);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("QUOTE_REPLY");
    DocumentContext tasks = json(api.get("sam", "/api/quotes/" + quoteId + "/tasks"));
    assertThat((List<String>) tasks.read("$[*].title"))
        .containsExactly("Read the customer's reply to quote " + quoteId.substring(0, 8));
    assertThat((List<String>) tasks.read("$[*].assignee")).containsExactly("sam");
    Instant due = Instant.parse(tasks.read("$[0].due"));
    assertThat(due).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(5)));
    ResponseEntity<String> replies = api.get("mia", "/api/quotes/" + quoteId + "/email-replies");
    assertThat(replies.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<String>) json(replies).read("$[*].text")).containsExactly(text);
    assertThat((List<String>) json(replies).read("$[*].sender")).containsExactly(customer);
    assertThat((String) json(replies).read("$[0].recordTaskId")).isEqualTo(tasks.read("$[0].id"));
    assertThat(api.get("sue", "/api/quotes/" + quoteId + "/email-replies").getStatusCode())
        .as("support may not read quotes").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.get("sam", "/api/quotes/" + UUID.randomUUID() + "/email-replies").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    reply.set("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    sign(reply);
    ResponseEntity<String> again = postEmail(reply, MediaType.MULTIPART_FORM_DATA);
    assertThat(again.getStatusCode()).as("Mailgun delivering it again").isEqualTo(HttpStatus.OK);
    assertThat((String) json(again).read("$.id")).isEqualTo(json(answer).read("$.id"));
    assertThat((List<?>) json(api.get("sam", "/api/quotes/" + quoteId + "/tasks")).read("$")).hasSize(1);
    assertThat((List<?>) json(api.get("sam", "/api/quotes/" + quoteId + "/email-replies")).read("$")).hasSize(1);

    assertThat(PersonalDataScan.find(jdbcTemplate, table -> table.startsWith("ACT_"), List.of(text, customer)))
        .as("the reply and its sender in the engine's tables").isEmpty();
    assertThat(PersonalDataScan.find(jdbcTemplate, table -> table.equals("CRM_INBOUND_EMAIL"), List.of(text)))
        .as("the scan finds what is there").isNotEmpty();
  }

  @Test
  void shouldEndTheNurtureSequenceWhenTheLeadRepliesToAFollowUp() {
    String email = unique("grace");
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Grace Hopper", "email": "%s", "company": "Navy", "companySize": 200, "source": "webinar",
         "marketingConsent": true}""".formatted(email))).read("$.leadId");
    Job followUpDue = await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).activityId("Timer_FollowUp1Due").list().stream()
        .filter(job -> leadId.equals(businessKeyOf(job))).findFirst().orElse(null), Objects::nonNull);
    managementService.setJobDuedate(followUpDue.getId(), new java.util.Date());
    String replyTo = replyToOf(email, "nurture-1");

    ResponseEntity<String> answer = postEmail(reply(replyTo, email, "Yes, let's talk next week."),
        MediaType.APPLICATION_FORM_URLENCODED);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("LEAD_REPLY");
    DocumentContext lead = json(api.get("sam", "/api/leads/" + leadId));
    assertThat((String) lead.read("$.nurtureExitReason")).isEqualTo("REPLIED");
    assertThat((List<String>) lead.read("$.timeline[*].name")).contains("Reply received");
  }

  @Test
  void shouldAddACaseReplyThatReopensTheResolvedCaseAndEraseItWithTheContact() {
    String email = unique("linus");
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Password reset", "description": "Link expired", "category": "account"}
        """.formatted(email))).read("$.caseId");
    Task handle = await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceBusinessKey(caseId).taskDefinitionKey(SupportCaseProcess.TASK_HANDLE_CASE).singleResult(),
        Objects::nonNull);
    taskService.complete(handle.getId(), Map.of("outcome", "resolved", "resolution", "We sent you a new link."));
    String replyTo = replyToOf(email, "case-resolved");
    MultiValueMap<String, Object> reply = reply(replyTo, email, "The new link does not work either.");
    // the From header is anyone's to write: it does not decide where the reply goes
    reply.set("from", "Someone Else <someone.else@example.org>");
    sign(reply);

    ResponseEntity<String> answer = postEmail(reply, MediaType.APPLICATION_FORM_URLENCODED);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("CASE_REPLY");
    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((String) supportCase.read("$.status")).isEqualTo("IN_PROGRESS");
    assertThat((List<String>) supportCase.read("$.replies[*].message"))
        .containsExactly("The new link does not work either.");
    assertThat((List<String>) supportCase.read("$.timeline[*].activityId")).contains("Task_ReopenCase");

    assertThat(api.exchange("admin", org.springframework.http.HttpMethod.DELETE, "/api/contacts/" + email, null,
        Map.of()).getStatusCode().is2xxSuccessful()).isTrue();
    assertThat(PersonalDataScan.find(jdbcTemplate, table -> table.equals("CRM_INBOUND_EMAIL"),
        List.of(email, "does not work either"))).as("erased with the contact").isEmpty();
  }

  @Test
  void shouldKeepAReplyTheCaseRefusesForAdminsInsteadOfLosingIt() {
    String email = unique("barbara");
    String caseId = openCase(email);
    Task handle = await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
        .processInstanceBusinessKey(caseId).taskDefinitionKey(SupportCaseProcess.TASK_HANDLE_CASE).singleResult(),
        Objects::nonNull);
    taskService.complete(handle.getId(), Map.of("outcome", "resolved", "resolution", "Fixed."));
    String replyTo = replyToOf(email, "case-resolved");
    // an operator cancels the case's process in Cockpit: the case stays RESOLVED, nothing waits for a reply
    // (the job that sent the email may still be finishing its step: then the delete conflicts and is tried again)
    await().atMost(Duration.ofSeconds(30)).ignoreException(OptimisticLockingException.class).until(() -> {
      runtimeService.deleteProcessInstance(handle.getProcessInstanceId(), "cancelled in Cockpit", true);
      return true;
    });

    ResponseEntity<String> answer = postEmail(reply(replyTo, email, "Still broken."), MediaType.MULTIPART_FORM_DATA);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("UNMATCHED");
    String id = json(answer).read("$.id");
    DocumentContext unmatched = json(api.get("admin", "/api/inbound/email/unmatched?limit=1000"));
    assertThat((List<String>) unmatched.read("$[?(@.id == '" + id + "')].unmatchedReason")).singleElement()
        .asString().startsWith("the record refused the reply").contains("not waiting for a reply");
    assertThat((List<?>) json(api.get("sue", "/api/cases/" + caseId)).read("$.replies")).isEmpty();
  }

  @Test
  void shouldKeepAReplyToAnUnknownOrForgedAddressForAdmins() {
    String forged = replyAddresses.of(UUID.randomUUID().toString()).orElseThrow().replaceFirst("-[0-9a-f]{20}@",
        "-0123456789abcdef0123@");
    String text = "Who is this? " + UUID.randomUUID();

    ResponseEntity<String> answer = postEmail(reply(forged, unique("eve"), text), MediaType.MULTIPART_FORM_DATA);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("UNMATCHED");
    String id = json(answer).read("$.id");
    ResponseEntity<String> unmatched = api.get("admin", "/api/inbound/email/unmatched?limit=1000");
    assertThat(unmatched.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<String>) json(unmatched).read("$[?(@.id == '" + id + "')].text")).containsExactly(text);
    assertThat((List<String>) json(unmatched).read("$[?(@.id == '" + id + "')].unmatchedReason"))
        .containsExactly("the recipient is no reply address crmflow signed");
    assertThat(api.get("sam", "/api/inbound/email/unmatched").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.get("admin", "/api/inbound/email/unmatched?limit=0").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void shouldRefuseUnsignedForgedAndStaleRequestsAndStoreNothing() {
    String messageId = "<" + UUID.randomUUID() + "@mail.example.org>";
    MultiValueMap<String, Object> unsigned = reply("reply+x@reply.crmflow.test", unique("mallory"), "Hi");
    unsigned.set("Message-Id", messageId);
    unsigned.remove("signature");
    MultiValueMap<String, Object> forged = new LinkedMultiValueMap<>(unsigned);
    forged.set("signature", "0".repeat(64));
    MultiValueMap<String, Object> stale = new LinkedMultiValueMap<>(unsigned);
    stale.set("timestamp", String.valueOf(Instant.now().minus(Duration.ofHours(1)).getEpochSecond()));
    sign(stale);

    for (MultiValueMap<String, Object> request : List.of(unsigned, forged, stale)) {
      ResponseEntity<String> answer = postEmail(request, MediaType.MULTIPART_FORM_DATA);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
    String eventId = UUID.randomUUID().toString();
    String event = event(eventId, "failed", "permanent", unique("mallory"), "<nothing@crmflow>");
    assertThat(postEvent(event.replaceFirst("\"signature\": \"[0-9a-f]{64}\"", "\"signature\": \"" + "1".repeat(64)
        + "\"")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(postEvent("""
        {"event-data": {"id": "%s", "event": "failed", "severity": "permanent", "recipient": "a@example.org"}}"""
        .formatted(eventId)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    long staleTimestamp = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
    assertThat(postEvent(event(eventId, "failed", "permanent", unique("mallory"), "<nothing@crmflow>",
        staleTimestamp)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // the signature covers timestamp and token only: seen once, it must not sign another body
    MultiValueMap<String, Object> signed = reply("reply+x@reply.crmflow.test", unique("eve"), "Hello");
    assertThat(postEmail(signed, MediaType.MULTIPART_FORM_DATA).getStatusCode()).isEqualTo(HttpStatus.OK);
    MultiValueMap<String, Object> replayed = new LinkedMultiValueMap<>(signed);
    replayed.set("Message-Id", messageId);
    replayed.set("stripped-text", "Send the refund to my other account");
    assertThat(postEmail(replayed, MediaType.MULTIPART_FORM_DATA).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String firstEvent = event(UUID.randomUUID().toString(), "failed", "temporary", unique("eve"), "<none@crmflow>");
    assertThat(postEvent(firstEvent).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(postEvent(firstEvent.replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + eventId + "\""))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(jdbc.sql("select count(*) from crm_inbound_event where event_id in (:ids)")
        .param("ids", List.of(messageId, eventId)).query(Long.class).single()).isZero();
  }

  @Test
  void shouldMarkAHardBouncedAddressInvalidSuppressItAndShowItInTheMessageLogOnce() {
    String email = unique("bounce");
    String caseId = openCase(email);
    MimeMessage received = awaitMail(email, "case-received");
    String eventId = UUID.randomUUID().toString();
    String event = event(eventId, "failed", "permanent", email, bare(messageIdOf(received)));

    ResponseEntity<String> answer = postEvent(event);
    ResponseEntity<String> repeated = postEvent(event);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(answer).read("$.outcome")).isEqualTo("HARD_BOUNCE");
    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(repeated).read("$.outcome")).isEqualTo("REPEATED");
    assertThat(jdbc.sql("select email_invalid from crm_contact where email = :email").param("email", email)
        .query(Boolean.class).single()).isTrue();
    assertThat(suppressions.isSuppressed(email)).isTrue();
    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((List<String>) supportCase.read("$.messages[?(@.template == 'case-received')].status"))
        .containsExactly("FAILED");
    assertThat((List<String>) supportCase.read("$.messages[?(@.template == 'case-received')].detail"))
        .singleElement().asString().contains("bounced permanently");
    assertThat(jdbc.sql("select count(*) from crm_audit where action = 'email.hard-bounce' and details like :event")
        .param("event", "%" + eventId + "%").query(Long.class).single()).as("processed once").isEqualTo(1);
  }

  @Test
  void shouldSuppressMarketingOnAComplaintAndChangeNothingOnATemporaryFailure() {
    String email = unique("complaint");
    String caseId = openCase(email);
    String messageId = bare(messageIdOf(awaitMail(email, "case-received")));

    ResponseEntity<String> temporary = postEvent(event(UUID.randomUUID().toString(), "failed", "temporary", email,
        messageId));

    assertThat((String) json(temporary).read("$.outcome")).isEqualTo("TEMPORARY_FAILURE");
    assertThat(suppressions.isSuppressed(email)).isFalse();
    assertThat((List<String>) json(api.get("sue", "/api/cases/" + caseId)).read("$.messages[*].status"))
        .containsOnly("SENT");

    ResponseEntity<String> complaint = postEvent(event(UUID.randomUUID().toString(), "complained", null, email,
        messageId));

    assertThat((String) json(complaint).read("$.outcome")).isEqualTo("COMPLAINT");
    assertThat(suppressions.isSuppressed(email)).isTrue();
    assertThat(jdbc.sql("select email_invalid from crm_contact where email = :email").param("email", email)
        .query(Boolean.class).single()).isFalse();
    DocumentContext supportCase = json(api.get("sue", "/api/cases/" + caseId));
    assertThat((List<String>) supportCase.read("$.messages[?(@.template == 'case-received')].detail"))
        .singleElement().asString().contains("complained");
  }

  @Test
  void shouldRateLimitEachClientAddress() {
    for (int i = 0; i < 30; i++) {
      assertThat(postEvent("{}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    ResponseEntity<String> limited = postEmail(reply("reply+x@reply.crmflow.test", unique("flood"), "Hi"),
        MediaType.MULTIPART_FORM_DATA);

    assertThat(limited.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(limited.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void shouldDescribeTheWebhooksAsPublicWithTheirFormAndJsonBodies() {
    DocumentContext description = json(api.get("admin", "/v3/api-docs"));

    for (String path : List.of(EMAILS, EVENTS)) {
      assertThat((List<?>) description.read("$.paths['" + path + "'].post.security")).as(path + ": no login").isEmpty();
      assertThat((Map<String, ?>) description.read("$.paths['" + path + "'].post.responses"))
          .as(path).containsKeys("200", "400", "403", "409", "429").doesNotContainKey("401");
    }
    assertThat((Map<String, ?>) description.read("$.paths['" + EMAILS + "'].post.requestBody.content"))
        .containsOnlyKeys("multipart/form-data", "application/x-www-form-urlencoded");
    assertThat((Map<String, ?>) description.read("$.components.schemas.MailgunInboundEmail.properties"))
        .containsKeys("recipient", "body-plain", "stripped-text", "Message-Id", "timestamp", "token", "signature");
  }

  // --- helpers

  private String openCase(String email) {
    return json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Export fails", "description": "At 80 %%", "category": "technical"}
        """.formatted(email))).read("$.caseId");
  }

  /** The Reply-To of the email of this template sent to the address, which names its message log entry. */
  private String replyToOf(String address, String template) {
    MimeMessage mail = awaitMail(address, template);
    try {
      String[] replyTo = mail.getHeader("Reply-To");
      assertThat(replyTo).as("Reply-To of the '%s' email", template).hasSize(1);
      String messageRowId = jdbc.sql("select id from crm_message where message_id = :messageId")
          .param("messageId", messageIdOf(mail)).query(String.class).single();
      assertThat(replyAddresses.messageOf(replyTo[0])).as("the Reply-To names its message").contains(messageRowId);
      return replyTo[0];
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The email of this template sent to the address, told apart by the Message-ID the message log has for it. */
  private MimeMessage awaitMail(String address, String template) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.messagesTo(address).stream()
        .filter(message -> jdbc.sql("select count(*) from crm_message where message_id = :messageId "
                + "and template = :template")
            .param("messageId", messageIdOf(message)).param("template", template).query(Long.class).single() == 1)
        .findFirst().orElse(null), Objects::nonNull);
  }

  private static String messageIdOf(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As Mailgun names it in an event: without the angle brackets. */
  private static String bare(String messageId) {
    return messageId.replaceAll("^<|>$", "");
  }

  private String businessKeyOf(Job job) {
    return jdbc.sql("select business_key_ from act_ru_execution where id_ = :id")
        .param("id", job.getProcessInstanceId()).query(String.class).optional().orElse(null);
  }

  /** A reply as a Mailgun route forwards it, signed now. */
  private static MultiValueMap<String, Object> reply(String recipient, String sender, String text) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("recipient", recipient);
    form.add("sender", sender);
    form.add("from", "Customer <" + sender + ">");
    form.add("subject", "Re: your email");
    form.add("body-plain", text + "\n\nOn Monday, crmflow wrote:\n> the original");
    form.add("stripped-text", text);
    form.add("Message-Id", "<" + UUID.randomUUID() + "@mail.example.org>");
    form.add("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    form.add("token", UUID.randomUUID().toString().replace("-", ""));
    sign(form);
    return form;
  }

  private static void sign(MultiValueMap<String, Object> form) {
    form.set("signature", signature(form.getFirst("timestamp") + "" + form.getFirst("token")));
  }

  private static String event(String eventId, String event, String severity, String recipient, String messageId) {
    return event(eventId, event, severity, recipient, messageId, Instant.now().getEpochSecond());
  }

  private static String event(String eventId, String event, String severity, String recipient, String messageId,
      long timestamp) {
    String token = UUID.randomUUID().toString().replace("-", "");
    return """
        {"signature": {"timestamp": "%s", "token": "%s", "signature": "%s"},
         "event-data": {"id": "%s", "event": "%s", %s"recipient": "%s", "timestamp": 1764950400.5,
                        "log-level": "error", "message": {"headers": {"message-id": "%s", "subject": "Hi"}}}}"""
        .formatted(timestamp, token, signature(timestamp + token), eventId, event,
            severity == null ? "" : "\"severity\": \"" + severity + "\", ", recipient, messageId);
  }

  private static String signature(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> postEmail(MultiValueMap<String, Object> form, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.set("X-Forwarded-For", clientAddress);
    return rest.postForEntity(EMAILS, new HttpEntity<>(form, headers), String.class);
  }

  private ResponseEntity<String> postEvent(String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-Forwarded-For", clientAddress);
    return rest.postForEntity(EVENTS, new HttpEntity<>(json, headers), String.class);
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID() + "@example.org";
  }
}

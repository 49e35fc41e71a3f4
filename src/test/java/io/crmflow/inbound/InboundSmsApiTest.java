package io.crmflow.inbound;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.contact.PhoneNumbers;
import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.lead.LeadNurtureProcess;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Twilio's webhooks as Twilio calls them: form posts signed with the auth token of the test profile over
 * crmflow.public-url (the default, http://localhost:8080) + path — not the URL the test reaches the app at.
 */
@ApiTest
class InboundSmsApiTest {

  private static final String TOKEN = "test-twilio-auth-token";
  private static final String PUBLIC_URL = "http://localhost:8080";
  private static final String INBOUND = "/api/inbound/sms/twilio";
  private static final String STATUS = "/api/inbound/sms/twilio/status";
  private static final Random RANDOM = new Random();

  @Autowired Api api;
  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired MessageLog messageLog;
  @Autowired JdbcClient jdbc;

  /** This class's calls come from an address of their own, so other tests' calls do not count against it. */
  private final String clientAddress = "198.51.100." + RANDOM.nextInt(250);

  @Test
  void shouldRefuseCallsWithoutOrWithAWrongSignature() {
    Map<String, String> sms = sms(mobileNumber(), "Hello");

    ResponseEntity<String> unsigned = post(INBOUND, sms, null);
    ResponseEntity<String> forged = post(INBOUND, sms, sign(PUBLIC_URL + INBOUND, sms(mobileNumber(), "Hello")));
    ResponseEntity<String> otherUrl = post(INBOUND, sms, sign("http://localhost:9999" + INBOUND, sms));
    ResponseEntity<String> otherToken = post(INBOUND, sms, sign(PUBLIC_URL + INBOUND, sms, "another-token"));
    ResponseEntity<String> unsignedStatus = post(STATUS, Map.of("MessageSid", sid(), "MessageStatus", "delivered"),
        null);

    for (ResponseEntity<String> refused : List.of(unsigned, forged, otherUrl, otherToken, unsignedStatus)) {
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat((String) json(refused).read("$.type")).endsWith("/invalid-signature");
    }
    assertThat(eventCount(sms.get("MessageSid"))).as("nothing was received").isZero();
    assertThat(signed(INBOUND, sms).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldStopAndRestartMarketingSmsOnStopAndStart() {
    String phone = mobileNumber();
    String leadId = nurturingLead(phone, false);
    assertThat((Boolean) json(api.get("sam", "/api/leads/" + leadId)).read("$.smsConsent")).isTrue();

    ResponseEntity<String> stop = signed(INBOUND, sms(phone, "  Stop "));

    assertThat(stop.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(stop.getBody()).isEqualTo(TwilioWebhookController.NO_ANSWER);
    assertThat((Boolean) json(api.get("sam", "/api/leads/" + leadId)).read("$.smsConsent")).isFalse();
    assertThat(marketingSmsTo(leadId)).isEqualTo(MessageStatus.SUPPRESSED);

    signed(INBOUND, sms(phone, "START"));

    assertThat((Boolean) json(api.get("sam", "/api/leads/" + leadId)).read("$.smsConsent")).isTrue();
    assertThat(marketingSmsTo(leadId)).isEqualTo(MessageStatus.SENT);
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.status"))
        .as("an opt-out word is no reply").isEqualTo("NURTURING");
  }

  @Test
  void shouldAnswerHelpWithTwiml() {
    ResponseEntity<String> help = signed(INBOUND, sms(mobileNumber(), "help"));

    assertThat(help.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(help.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_XML)).isTrue();
    assertThat(help.getBody()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Reply STOP to "
        + "receive no more text messages from us, START to receive them again.</Message></Response>");
  }

  @Test
  void shouldTakeATextAsTheLeadsReplyEndingItsNurtureSequence() {
    String phone = mobileNumber();
    String leadId = nurturingLead(phone, true);
    await().atMost(Duration.ofSeconds(20)).until(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadNurtureProcess.KEY).processInstanceBusinessKey(leadId).count() == 1);
    Map<String, String> sms = sms(phone, "Yes, call me tomorrow");

    signed(INBOUND, sms);

    DocumentContext lead = json(api.get("sam", "/api/leads/" + leadId));
    assertThat((String) lead.read("$.nurtureExitReason")).isEqualTo("REPLIED");
    assertThat(outcomeOf(sms.get("MessageSid"))).isEqualTo("lead-reply-nurture-ended");
    assertNoPersonalDataInTheAudit(sms);
  }

  @Test
  void shouldTakeATextAsAReplyOnTheOpenCaseOnceHoweverOftenTwilioSendsIt() {
    String phone = mobileNumber();
    String email = "sms.case." + UUID.randomUUID() + "@example.org";
    nurturingLead(phone, false, email);
    String caseId = json(api.post("webform", "/api/cases", """
        {"customerEmail": "%s", "subject": "Delivery", "description": "Where is my order?"}"""
        .formatted(email))).read("$.caseId");
    Map<String, String> sms = sms(phone, "Order 4711 still missing\nRegards");

    ResponseEntity<String> first = signed(INBOUND, sms);
    ResponseEntity<String> again = signed(INBOUND, sms);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> replies = json(api.get("sue", "/api/cases/" + caseId)).read("$.replies[*].message");
    assertThat(replies).as("the case, not the lead, and once").containsExactly("Order 4711 still missing\nRegards");
    assertThat(outcomeOf(sms.get("MessageSid"))).isEqualTo("case-reply");
    assertNoPersonalDataInTheAudit(sms);
  }

  @Test
  void shouldRecordDeliveryReportsInTheMessageLogOnce() {
    String leadId = nurturingLead(mobileNumber(), false);
    assertThat(marketingSmsTo(leadId)).isEqualTo(MessageStatus.SENT);
    MessageLogEntry sent = smsTo(leadId);
    // what Twilio's answer to the send would have stored (the log-only sender's id is "dev-…")
    String sid = sid();
    jdbc.sql("update crm_message set provider_message_id = :sid where id = :id").param("sid", sid)
        .param("id", sent.id()).update();

    ResponseEntity<String> sentReport = signed(STATUS, Map.of("MessageSid", sid, "MessageStatus", "sent"));
    ResponseEntity<String> delivered = signed(STATUS, Map.of("MessageSid", sid, "MessageStatus", "delivered"));
    ResponseEntity<String> repeated = signed(STATUS, Map.of("MessageSid", sid, "MessageStatus", "delivered"));
    ResponseEntity<String> late = signed(STATUS, Map.of("MessageSid", sid, "MessageStatus", "failed",
        "ErrorCode", "30003"));

    assertThat((String) json(sentReport).read("$.outcome")).isEqualTo("ignored");
    assertThat((String) json(delivered).read("$.outcome")).isEqualTo("delivered");
    assertThat((Boolean) json(repeated).read("$.duplicate")).isTrue();
    assertThat((String) json(late).read("$.outcome")).as("a final status stays").isEqualTo("already-delivered");
    assertThat(messageLog.findById(sent.id()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
    List<String> statuses = json(api.get("sam", "/api/leads/" + leadId)).read("$.messages[?(@.channel == 'SMS')].status");
    assertThat(statuses).contains("DELIVERED");
  }

  @Test
  void shouldMarkAnSmsTheCarrierCouldNotDeliverFailed() {
    String leadId = nurturingLead(mobileNumber(), false);
    marketingSmsTo(leadId);
    MessageLogEntry sent = smsTo(leadId);

    ResponseEntity<String> failed = signed(STATUS, Map.of("MessageSid", sid(), "MessageStatus", "failed"));
    jdbc.sql("update crm_message set provider_message_id = 'SMfailed' || :suffix where id = :id")
        .param("suffix", sent.id().replace("-", "")).param("id", sent.id()).update();
    ResponseEntity<String> undelivered = signed(STATUS, Map.of("MessageSid", "SMfailed" + sent.id().replace("-", ""),
        "MessageStatus", "undelivered", "ErrorCode", "30003"));

    assertThat((String) json(failed).read("$.outcome")).isEqualTo("unknown-message");
    assertThat((String) json(undelivered).read("$.outcome")).isEqualTo("undelivered");
    MessageLogEntry logged = messageLog.findById(sent.id()).orElseThrow();
    assertThat(logged.status()).isEqualTo(MessageStatus.UNDELIVERED);
    assertThat(logged.detail()).isEqualTo("provider error 30003");
  }

  @Test
  void shouldKeepATextFromAnUnknownNumberForAdminsUntilItsSenderIsErased() {
    String phone = mobileNumber();
    Map<String, String> sms = sms(phone, "Who is this?");

    signed(INBOUND, sms);

    ResponseEntity<String> unmatched = api.get("admin", "/api/inbound/unmatched?limit=1000");
    List<Map<String, Object>> kept = json(unmatched).read("$[?(@.eventId == '" + sms.get("MessageSid") + "')]");
    assertThat(kept).singleElement().satisfies(message -> assertThat(message)
        .containsEntry("from", phone).containsEntry("body", "Who is this?").containsEntry("reason", "unknown-number"));
    assertThat(api.get("sam", "/api/inbound/unmatched").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertNoPersonalDataInTheAudit(sms);

    // the sender becomes a contact later, and asks to be forgotten
    String email = "sms.erase." + UUID.randomUUID() + "@example.org";
    nurturingLead(phone, false, email);
    assertThat(api.exchange("admin", HttpMethod.DELETE, "/api/contacts/" + email, null, Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(jdbc.sql("select count(*) from crm_inbound_unmatched where event_id = :sid")
        .param("sid", sms.get("MessageSid")).query(Long.class).single()).isZero();
  }

  @Test
  void shouldRefuseAMalformedCallNamingTheParameter() {
    Map<String, String> noSid = new LinkedHashMap<>(sms(mobileNumber(), "Hi"));
    noSid.remove("MessageSid");

    ResponseEntity<String> response = signed(INBOUND, noSid);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).containsExactly("MessageSid");
  }

  @Test
  void shouldLimitCallsPerClientAddress() {
    String flooder = "203.0.113." + RANDOM.nextInt(250);
    ResponseEntity<String> last = null;
    for (int call = 0; call <= 120 && (last == null || last.getStatusCode() != HttpStatus.TOO_MANY_REQUESTS); call++) {
      last = post(INBOUND, sms(mobileNumber(), "spam"), "not-a-signature", flooder);
    }

    assertThat(last.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(last.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat(signed(INBOUND, sms(mobileNumber(), "Hi")).getStatusCode()).as("other clients go on")
        .isEqualTo(HttpStatus.OK);
  }

  /** A warm lead with SMS consent whose intake ended in nurturing; with marketing consent its sequence runs. */
  private String nurturingLead(String phone, boolean marketingConsent) {
    return nurturingLead(phone, marketingConsent, "sms." + UUID.randomUUID() + "@example.org");
  }

  private String nurturingLead(String phone, boolean marketingConsent, String email) {
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Ada Byron", "email": "%s", "phone": "%s", "company": "Analytical", "companySize": 200,
         "source": "webinar", "marketingConsent": %s, "smsConsent": true}"""
        .formatted(email, phone, marketingConsent))).read("$.leadId");
    await().atMost(Duration.ofSeconds(20)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LeadIntakeProcess.KEY).processInstanceBusinessKey(leadId).finished().count() == 1);
    return leadId;
  }

  /** Sends the lead a marketing SMS (src/test/resources/bpmn/sms-test.bpmn) and waits for its fate. */
  private MessageStatus marketingSmsTo(String leadId) {
    String instance = runtimeService.startProcessInstanceByKey("sms-test", leadId,
        Map.of("leadId", leadId, "textUser", "sam")).getId();
    return await().atMost(Duration.ofSeconds(20)).until(() -> messageLog.forRecord(leadId, 20).stream()
            .filter(message -> instance.equals(message.processInstanceId()) && "contact".equals(message.recipientKind()))
            .map(MessageLogEntry::status).filter(status -> status != MessageStatus.QUEUED).findFirst().orElse(null),
        status -> status != null);
  }

  private MessageLogEntry smsTo(String leadId) {
    return messageLog.forRecord(leadId, 20).stream()
        .filter(message -> "contact".equals(message.recipientKind()) && message.status() == MessageStatus.SENT)
        .findFirst().orElseThrow();
  }

  private void assertNoPersonalDataInTheAudit(Map<String, String> sms) {
    DocumentContext audit = json(api.get("admin", "/api/audit?actor=twilio&limit=1000"));
    List<Map<String, Object>> entries = audit.read("$[?(@.details.eventId == '" + sms.get("MessageSid") + "')]");
    assertThat(entries).as("audited").hasSize(1);
    assertThat(entries.toString()).doesNotContain(sms.get("From"), sms.get("From").substring(3), sms.get("Body"));
  }

  private String outcomeOf(String messageSid) {
    return jdbc.sql("select outcome from crm_inbound_event where provider = 'twilio' and event_id = :id")
        .param("id", messageSid).query(String.class).single();
  }

  private long eventCount(String messageSid) {
    return jdbc.sql("select count(*) from crm_inbound_event where event_id = :id").param("id", messageSid)
        .query(Long.class).single();
  }

  private static Map<String, String> sms(String from, String body) {
    return Map.of("MessageSid", sid(), "AccountSid", "AC" + HexFormat.of().formatHex(bytes(16)), "From", from,
        "To", "+15005550006", "Body", body, "NumMedia", "0");
  }

  private ResponseEntity<String> signed(String path, Map<String, String> form) {
    return post(path, form, sign(PUBLIC_URL + path, form));
  }

  private ResponseEntity<String> post(String path, Map<String, String> form, String signature) {
    return post(path, form, signature, clientAddress);
  }

  private ResponseEntity<String> post(String path, Map<String, String> form, String signature, String from) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-Forwarded-For", from);
    if (signature != null) {
      headers.set("X-Twilio-Signature", signature);
    }
    MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
    form.forEach(body::add);
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static String sign(String url, Map<String, String> form) {
    return sign(url, form, TOKEN);
  }

  /** Twilio's documented algorithm, written out here as a test of crmflow's own implementation. */
  private static String sign(String url, Map<String, String> form, String token) {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> signed.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sid() {
    return "SM" + HexFormat.of().formatHex(bytes(16));
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A UK mobile number no other test uses (libphonenumber must take it as valid). */
  private static String mobileNumber() {
    while (true) {
      String candidate = "+447" + (700000000 + RANDOM.nextInt(99_999_999));
      try {
        return PhoneNumbers.toE164(candidate, null);
      } catch (IllegalArgumentException invalid) {
        // another one
      }
    }
  }
}

package io.crmflow.messaging;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The message log, template preview and unsubscribe pages through HTTP. */
@ApiTest
class MessagingApiTest {

  @Autowired Api api;
  @Autowired MessageLog messageLog;
  @Autowired UnsubscribeTokens unsubscribeTokens;
  @Autowired Suppressions suppressions;

  @Test
  void shouldListTheMessagesOfALeadNewestFirstAndShowThemOnTheLead() {
    String email = "log." + UUID.randomUUID() + "@example.org";
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Log Test", "email": "%s"}""".formatted(email))).read("$.leadId");

    List<Map<String, Object>> messages = await().atMost(Duration.ofSeconds(20))
        .until(() -> json(api.get("sam", "/api/messages?leadId=" + leadId)).read("$"),
            list -> ((List<?>) list).size() == 1 && "SENT".equals(((Map<?, ?>) ((List<?>) list).get(0)).get("status")));
    Map<String, Object> welcome = messages.get(0);
    assertThat(welcome).containsEntry("template", "welcome").containsEntry("channel", "EMAIL")
        .containsEntry("category", "TRANSACTIONAL").containsEntry("recipient", email)
        .containsEntry("recordId", leadId).containsEntry("activityId", "Task_SendWelcomeEmail")
        .containsEntry("attempts", 1);
    assertThat((String) welcome.get("messageId")).startsWith("<").endsWith("@crmflow>");
    assertThat((List<?>) json(api.get("sam", "/api/leads/" + leadId)).read("$.messages")).hasSize(1);

    assertThat(api.get("webform", "/api/messages?leadId=" + leadId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.get("sam", "/api/messages").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void shouldPreviewATemplateWithSampleDataForAdmins() {
    ResponseEntity<String> chinese = api.get("admin", "/api/messages/templates/welcome/preview?locale=zh-CN");
    assertThat(chinese.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(chinese.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(chinese.getBody()).contains("欢迎您，Ada Lovelace");

    assertThat(api.get("admin", "/api/messages/templates/no-such-template/preview").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> badLocale = api.get("admin", "/api/messages/templates/welcome/preview?locale=fr");
    assertThat(badLocale.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) json(badLocale).read("$.errors[0].field")).isEqualTo("locale");
    assertThat(api.get("sam", "/api/messages/templates/welcome/preview").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  /**
   * Issue 16 item 7: the same link clicked at once (a mail client's one-click POST and the person on
   * the page): every request succeeds. On PostgreSQL the losing insert used to abort its transaction
   * and that request failed with 500.
   */
  @Test
  void shouldUnsubscribeOnceWhenTheSameAddressIsUnsubscribedConcurrently() throws Exception {
    String email = "unsub.race." + UUID.randomUUID() + "@example.org";
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Un Subscribe", "email": "%s", "marketingConsent": true}""".formatted(email))).read("$.leadId");
    MessageLogEntry message = await().atMost(Duration.ofSeconds(20))
        .until(() -> messageLog.forRecord(leadId, 10), list -> !list.isEmpty()).get(0);
    String token = unsubscribeTokens.issue(message.id());

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<ResponseEntity<String>>> clicks = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String client = "192.0.2." + (10 + i);
      clicks.add(pool.submit(() -> {
        start.await();
        return api.exchange(null, HttpMethod.POST, "/unsubscribe/" + token, null,
            Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", client));
      }));
    }
    start.countDown();
    for (var click : clicks) {
      assertThat(click.get(30, java.util.concurrent.TimeUnit.SECONDS).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    pool.shutdown();
    assertThat(suppressions.isSuppressed(email)).isTrue();
  }

  @Test
  void shouldUnsubscribeThroughTheConfirmationPageAndByOneClickWithoutLogin() {
    String email = "unsub." + UUID.randomUUID() + "@example.org";
    String leadId = json(api.post("webform", "/api/leads", """
        {"name": "Un Subscribe", "email": "%s", "marketingConsent": true}""".formatted(email))).read("$.leadId");
    MessageLogEntry message = await().atMost(Duration.ofSeconds(20))
        .until(() -> messageLog.forRecord(leadId, 10), list -> !list.isEmpty()).get(0);
    String token = unsubscribeTokens.issue(message.id());

    ResponseEntity<String> page = api.get(null, "/unsubscribe/" + token);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<form method=\"post\" action=\"/unsubscribe/" + token + "\"");
    assertThat(suppressions.isSuppressed(email)).as("showing the page changes nothing").isFalse();

    ResponseEntity<String> oneClick = api.exchange(null, HttpMethod.POST, "/unsubscribe/" + token, null,
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(oneClick.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(oneClick.getBody()).contains("Unsubscribed");
    assertThat(suppressions.isSuppressed(email.toUpperCase())).isTrue();
  }

  @Test
  void shouldAnswerAForgedTokenWithAClear404Page() {
    String forged = unsubscribeTokens.issue("message").replaceAll(".$", "x");
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
      ResponseEntity<String> response = api.exchange(null, method, "/unsubscribe/" + forged, null, Map.of());
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(response.getBody()).contains("not valid").doesNotContain("Exception");
    }
    ResponseEntity<String> markup = api.get(null, "/unsubscribe/%3Cscript%3E");
    assertThat(markup.getStatusCode().is4xxClientError()).isTrue();
    assertThat(String.valueOf(markup.getBody())).doesNotContain("<script>", "Exception");
  }
}

package io.crmflow.web;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every public endpoint with a body, checked at its edge: unknown fields, control characters in
 * fields that reach mail headers or logs, oversized bodies. A new endpoint is one more row.
 */
@ApiTest
class InputEdgesTest {

  /**
   * An endpoint taking a JSON body: who may call it, a valid body, its header-bound fields, and
   * whether it takes an Idempotency-Key.
   */
  record BodyEndpoint(String user, HttpMethod method, String path, String validBody, List<String> headerBoundFields,
                      boolean idempotent) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

  static List<BodyEndpoint> bodyEndpoints() {
    return List.of(
        new BodyEndpoint("webform", HttpMethod.POST, "/api/leads", """
            {"name": "Edge Case", "email": "edge.%s@example.org", "phone": "+12025550111",
             "company": "Edges Ltd"}""", List.of("name", "email", "phone", "company"), true),
        new BodyEndpoint("sam", HttpMethod.PATCH, "/api/leads/" + NO_SUCH_ID, """
            {"name": "Edge Case %s", "phone": "+12025550111", "company": "Edges Ltd", "owner": "sam"}""",
            List.of("name", "phone", "company", "owner"), false),
        new BodyEndpoint("webform", HttpMethod.POST, "/api/leads/" + NO_SUCH_ID + "/replies", """
            {"channel": "email", "receivedAt": "2026-01-01T09:00:00Z"}""", List.of(), false),
        new BodyEndpoint("sam", HttpMethod.POST, "/api/opportunities/" + NO_SUCH_ID + "/quotes", """
            {"lineItems": [{"product": "Widget %s", "quantity": 1, "unitPrice": 10}], "discountPercent": 0}""",
            List.of(), true),
        new BodyEndpoint("webform", HttpMethod.POST, "/api/quotes/" + NO_SUCH_ID + "/acceptance", """
            {"accepted": true}""", List.of(), true),
        // subject, name and order reference reach the auto-reply's subject line and the log
        new BodyEndpoint("webform", HttpMethod.POST, "/api/cases", """
            {"customerEmail": "edge.%s@example.org", "customerName": "Edge Case", "subject": "Edge subject",
             "description": "Lines\\nare fine here", "orderReference": "ORD-1", "refundAmount": 10}""",
            List.of("customerEmail", "customerName", "subject", "orderReference"), true),
        // the message may span lines; nothing of it reaches a header
        new BodyEndpoint("webform", HttpMethod.POST, "/api/cases/" + NO_SUCH_ID + "/replies", """
            {"message": "Edge reply %s\\nsecond line"}""", List.of(), true));
  }

  static Stream<Arguments> headerBoundFields() {
    return bodyEndpoints().stream().flatMap(endpoint -> endpoint.headerBoundFields().stream()
        .flatMap(field -> Stream.of("\r\n", "\n", "\u0000", "\u2028").map(control -> Arguments.of(endpoint, field,
            control))));
  }

  @Autowired Api api;
  @Autowired ObjectMapper objectMapper;

  private String valid(BodyEndpoint endpoint) {
    return endpoint.validBody().formatted(UUID.randomUUID());
  }

  private ResponseEntity<String> send(BodyEndpoint endpoint, String body, Map<String, String> headers) {
    return api.exchange(endpoint.user(), endpoint.method(), endpoint.path(), body, headers);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyEndpoints")
  void shouldRejectUnknownFields(BodyEndpoint endpoint) throws Exception {
    ObjectNode body = (ObjectNode) objectMapper.readTree(valid(endpoint));
    body.put("unexpectedField", "dropped silently?");
    ResponseEntity<String> response = send(endpoint, body.toString(), Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo("unexpectedField");
  }

  @ParameterizedTest(name = "{0} {1} with {2}")
  @MethodSource("headerBoundFields")
  void shouldRejectControlCharactersInHeaderBoundFields(BodyEndpoint endpoint, String field, String control)
      throws Exception {
    ObjectNode body = (ObjectNode) objectMapper.readTree(valid(endpoint));
    String value = body.get(field).asText();
    body.put(field, value.substring(0, 3) + control + "Bcc: victim@example.org" + value.substring(3));
    ResponseEntity<String> response = send(endpoint, body.toString(), Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) json(response).read("$.errors[*].field")).contains(field);
  }

  static Stream<BodyEndpoint> idempotentEndpoints() {
    return bodyEndpoints().stream().filter(BodyEndpoint::idempotent);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idempotentEndpoints")
  void shouldRejectControlCharactersInTheIdempotencyKey(BodyEndpoint endpoint) {
    ResponseEntity<String> response = send(endpoint, valid(endpoint), Map.of(IdempotentRequests.HEADER, "key\tx"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo(IdempotentRequests.HEADER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyEndpoints")
  void shouldRejectOversizedBodies(BodyEndpoint endpoint) throws Exception {
    ObjectNode body = (ObjectNode) objectMapper.readTree(valid(endpoint));
    body.put("padding", "x".repeat(70_000));
    ResponseEntity<String> response = send(endpoint, body.toString(), Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
  }

  /**
   * Issue 16 item 10: a flood of guessed tokens from one client is stopped, whatever links it tries;
   * keyed per token before, the eleventh different link still got through (this test failed).
   */
  @Test
  void shouldRateLimitTheUnsubscribePagesPerClientAddress() {
    String client = "203.0.113." + (1 + new java.util.Random().nextInt(250));
    // the test profile trusts X-Forwarded-For (crmflow.web.client-address-header): its last entry is the client
    Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.7, " + client);
    for (int i = 0; i < 10; i++) {
      HttpMethod method = i % 2 == 0 ? HttpMethod.GET : HttpMethod.POST;
      assertThat(api.exchange(null, method, "/unsubscribe/guess-" + UUID.randomUUID(), null, from).getStatusCode())
          .as("request %d", i + 1).isEqualTo(HttpStatus.NOT_FOUND);
    }
    ResponseEntity<String> limited = api.exchange(null, HttpMethod.POST, "/unsubscribe/guess-" + UUID.randomUUID(),
        null, from);
    assertThat(limited.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(limited.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(Integer.parseInt(limited.getHeaders().getFirst("Retry-After"))).isBetween(1, 60);

    assertThat(api.exchange(null, HttpMethod.GET, "/unsubscribe/other-" + UUID.randomUUID(), null,
        Map.of("X-Forwarded-For", client + ", 198.51.100.8")).getStatusCode())
        .as("another client is counted on its own, whatever the client claims earlier in the header")
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}

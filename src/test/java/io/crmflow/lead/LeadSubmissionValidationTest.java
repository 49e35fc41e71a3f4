package io.crmflow.lead;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.TestSmtp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every kind of bad input to POST /api/leads: a 400 problem naming the field, and nothing stored, started or sent. */
@ApiTest
class LeadSubmissionValidationTest {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired HistoryService historyService;
  @LocalServerPort int port;

  private long leadsBefore;
  private long instancesBefore;

  @BeforeEach
  void countRecords() {
    leadsBefore = leads();
    instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"name": "No Email"}                                                    | email
      {"name": "Bad", "email": "not-an-address"}                              | email
      {"name": "Bad", "email": "a@b"}                                         | email
      {"name": "Bad", "email": "victim@example.org\\r\\nBcc: all@example.org"} | email
      {"email": "nameless@example.org"}                                       | name
      {"name": "   ", "email": "blank@example.org"}                           | name
      {"name": "Line\\nBreak", "email": "lf@example.org"}                     | name
      {"name": "Tab\\tName", "email": "tab@example.org"}                      | name
      {"name": "Null\\u0000Byte", "email": "nul@example.org"}                 | name
      {"name": "Ok", "email": "co@example.org", "company": "Evil\\r\\nCorp"}  | company
      {"name": "Ok", "email": "src@example.org", "source": "tv"}              | source
      {"name": "Ok", "email": "loc@example.org", "locale": "fr"}              | locale
      {"name": "Ok", "email": "bud@example.org", "budget": -1}                | budget
      {"name": "Ok", "email": "size@example.org", "companySize": -5}          | companySize
      {"name": "Ok", "email": "size@example.org", "companySize": "many"}      | companySize
      {"name": "Ok", "email": "size@example.org", "companySize": 12.5}        | companySize
      {"name": "Ok", "email": "ph@example.org", "phone": "call me maybe"}     | phone
      {"name": "Ok", "email": "mc@example.org", "marketingConsent": "yes"}    | marketingConsent
      {"name": "Ok", "email": "x@example.org", "nickname": "Bobby"}           | nickname
      {"name": "Ok", "email": "cc@example.org", "country": "XX"}              | country
      {"name": "Ok", "email": "cc@example.org", "country": "Germany"}         | country
      """)
  void shouldRejectInvalidFieldNamingIt(String body, String field) {
    ResponseEntity<String> response = api.post("webform", "/api/leads", body);

    assertProblem(response, HttpStatus.BAD_REQUEST);
    List<String> fields = json(response).read("$.errors[*].field");
    assertThat(fields).contains(field);
    assertThat((String) json(response).read("$.detail")).contains(field);
    assertNothingHappened();
    java.util.regex.Matcher address = java.util.regex.Pattern.compile("[\\w.]+@example\\.org").matcher(body);
    if (address.find()) {
      assertThat(TestSmtp.messagesTo(address.group())).isEmpty();
    }
  }

  @Test
  void shouldRejectANameLongerThan200Characters() {
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "long@example.org"}""".formatted("x".repeat(201)));

    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo("name");
    assertNothingHappened();
  }

  @Test
  void shouldAcceptANameOfExactly200Characters() {
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s"}""".formatted("x".repeat(200), LeadApiTest.unique("max")));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"name": "Broken", "email":
      not json at all
      []
      """)
  void shouldRejectMalformedJson(String body) {
    assertProblem(api.post("webform", "/api/leads", body), HttpStatus.BAD_REQUEST);
    assertNothingHappened();
  }

  @Test
  void shouldRejectAnEmptyBody() {
    assertProblem(api.post("webform", "/api/leads", ""), HttpStatus.BAD_REQUEST);
    assertNothingHappened();
  }

  @Test
  void shouldRejectAnInvalidIdempotencyKey() {
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "Key", "email": "key@example.org"}""", Map.of("Idempotency-Key", "k".repeat(201)));
    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat((String) json(response).read("$.errors[0].field")).isEqualTo("Idempotency-Key");
    assertNothingHappened();
  }

  @Test
  void shouldRefuseABodyOver64KiBWith413() {
    String body = """
        {"name": "Big", "email": "big@example.org", "company": "%s"}""".formatted("x".repeat(70_000));
    assertProblem(api.post("webform", "/api/leads", body), HttpStatus.PAYLOAD_TOO_LARGE);
    assertNothingHappened();
  }

  @Test
  void shouldRefuseAChunkedBodyOver64KiBWith413() throws Exception {
    byte[] body = """
        {"name": "Big", "email": "chunked@example.org", "company": "%s"}""".formatted("x".repeat(70_000))
        .getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("webform:webform".getBytes()))
        // a stream of unknown length goes out chunked, without Content-Length
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertNothingHappened();
  }

  private static void assertProblem(ResponseEntity<String> response, HttpStatus status) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((Integer) json(response).read("$.status")).isEqualTo(status.value());
    assertThat(response.getBody()).doesNotContain("Exception", "at io.crmflow");
  }

  private void assertNothingHappened() {
    assertThat(leads()).isEqualTo(leadsBefore);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  private long leads() {
    return jdbc.sql("select count(*) from crm_lead").query(Long.class).single();
  }
}

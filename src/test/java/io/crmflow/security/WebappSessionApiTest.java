package io.crmflow.security;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.WebappSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One login: the Camunda webapp session (Tasklist, Cockpit) authenticates /api as its user, with the
 * webapps' CSRF token required for changes; HTTP Basic works as before, without session or token.
 */
@ApiTest
class WebappSessionApiTest {

  @LocalServerPort int port;
  @Autowired Api api;

  private String leadId;

  @BeforeEach
  void submitLead() {
    leadId = json(api.post("webform", "/api/leads", """
        {"name": "Session Reader", "email": "session.%s@example.org", "company": "Cookies Ltd"}"""
        .formatted(UUID.randomUUID()))).read("$.leadId");
  }

  @Test
  void shouldReadTheApiAsTheUserLoggedInToTasklist() throws Exception {
    WebappSession sam = WebappSession.login(port, "sam");

    String session = sam.sessionId();
    HttpResponse<String> lead = sam.get("/api/leads/" + leadId);

    assertThat(lead.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(lead.body(), "$.company")).isEqualTo("Cookies Ltd");
    assertThat(lead.headers().allValues("Set-Cookie")).as("the API neither starts nor renews a session").isEmpty();
    assertThat(sam.sessionId()).isEqualTo(session);
  }

  @Test
  void shouldApplyTheSessionUsersGroups() throws Exception {
    WebappSession sue = WebappSession.login(port, "sue");

    HttpResponse<String> lead = sue.get("/api/leads/" + leadId);

    assertThat(lead.statusCode()).as("support may not read leads").isEqualTo(403);
    assertThat(lead.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void shouldRequireTheWebappsCsrfTokenForChangesMadeWithTheSession() throws Exception {
    WebappSession sam = WebappSession.login(port, "sam");
    String reply = """
        {"channel": "email"}""";
    String path = "/api/leads/" + leadId + "/replies";

    HttpResponse<String> withoutToken = sam.send("POST", path, reply, null);
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat((String) JsonPath.read(withoutToken.body(), "$.detail")).contains("X-XSRF-TOKEN");

    HttpResponse<String> wrongToken = sam.send("POST", path, reply, "0123456789ABCDEF0123456789ABCDEF");
    assertThat(wrongToken.statusCode()).isEqualTo(403);

    HttpResponse<String> withToken = sam.send("POST", path, reply, sam.csrfToken());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    assertThat((String) JsonPath.read(withToken.body(), "$.leadId")).isEqualTo(leadId);

  }

  @Test
  void shouldAnswer401ToASessionWithoutLogin() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // a visit to the login page gives a session and a CSRF token, but no user
    HttpResponse<String> visit = http.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default")).build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = visit.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    String token = visit.headers().firstValue("X-XSRF-TOKEN").orElseThrow();

    HttpResponse<String> read = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/leads/" + leadId)).header("Cookie", cookie)
        .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).isEqualTo(401);
    assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(read.headers().firstValue("WWW-Authenticate")).as("a script asked: no Basic login dialog").isEmpty();

    HttpResponse<String> write = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/leads/" + leadId + "/replies")).header("Cookie", cookie)
        .header("X-XSRF-TOKEN", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\": \"email\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(write.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
  }

  @Test
  void shouldKeepTheSessionOffTheEngineRestApi() throws Exception {
    WebappSession sam = WebappSession.login(port, "sam");

    assertThat(sam.get("/engine-rest/task?maxResults=1").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldKeepBasicStatelessAndFreeOfCsrf() {
    ResponseEntity<String> read = api.get("sam", "/api/leads/" + leadId);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getHeaders().get("Set-Cookie")).isNull();

    ResponseEntity<String> reply = api.exchange("webform", HttpMethod.POST, "/api/leads/" + leadId + "/replies", """
        {"channel": "email"}""", Map.of());
    assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);

    // an unknown user: a wrong password of a real one would lock that user for a while (login throttling)
    ResponseEntity<String> badCredentials = api.exchange(null, HttpMethod.GET, "/api/leads/" + leadId, null,
        Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("nobody:wrong".getBytes())));
    assertThat(badCredentials.getStatusCode()).as("a Basic header is never passed on to the session")
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}

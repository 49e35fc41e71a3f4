package io.crmflow.security;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Authentication against the Camunda identity store and each group's rights, through HTTP. */
@ApiTest
class AccessControlTest {

  private static final String LEAD = """
      {"name": "Access Test", "email": "access.%s@example.org"}""";

  @Autowired Api api;

  @ParameterizedTest(name = "{0} {1} without credentials is 401")
  @CsvSource({"GET, /api/leads/123", "POST, /api/leads", "GET, /api/opportunities", "GET, /engine-rest/task",
      "GET, /engine-rest/process-definition", "GET, /dev/mail"})
  void shouldRequireAuthentication(HttpMethod method, String path) {
    ResponseEntity<String> response = api.exchange(null, method, path, method == HttpMethod.POST ? "{}" : null,
        Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @ParameterizedTest
  @CsvSource({"nobody:nobody", "mia:wrong"})
  void shouldRejectUnknownUsersAndWrongPasswords(String credentials) {
    // a wrong password also starts Camunda's login throttling for that user, so not a user other tests need
    ResponseEntity<String> response = api.exchange(null, HttpMethod.GET, "/api/opportunities", null,
        Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes())));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void shouldKeepHealthPublic() {
    ResponseEntity<String> response = api.get(null, "/actuator/health");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(response).read("$.status")).isEqualTo("UP");
  }

  @ParameterizedTest(name = "{0} may not {1} {2}")
  @CsvSource({"webform, GET, /api/opportunities", "webform, GET, /api/leads/123", "webform, GET, /engine-rest/task",
      "sue, POST, /api/leads", "sue, GET, /api/leads/123", "sam, GET, /dev/mail"})
  void shouldForbidWhatTheGroupMayNotDo(String user, HttpMethod method, String path) {
    ResponseEntity<String> response = api.exchange(user, method, path,
        method == HttpMethod.POST ? LEAD.formatted(UUID.randomUUID()) : null, Map.of());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void shouldShowEngineBacklogAndIncidentsAsMetricsToAdmins() {
    for (String metric : List.of("crmflow.incidents.open", "crmflow.jobs.due", "crmflow.jobs.failed")) {
      ResponseEntity<String> response = api.get("admin", "/actuator/metrics/" + metric);
      assertThat(response.getStatusCode()).as(metric).isEqualTo(HttpStatus.OK);
      assertThat((Double) json(response).read("$.measurements[0].value")).as(metric).isGreaterThanOrEqualTo(0.0);
    }
    assertThat(api.get("sam", "/actuator/metrics/crmflow.jobs.due").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void shouldLetWebformSubmitLeads() {
    assertThat(api.post("webform", "/api/leads", LEAD.formatted(UUID.randomUUID())).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void shouldShowReviewTasksToSalesOnlyAndLetSalesCompleteThem() {
    ResponseEntity<String> submitted = api.post("webform", "/api/leads", """
        {"name": "Very Hot", "email": "very.hot.%s@example.org", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(UUID.randomUUID()));
    String leadId = json(submitted).read("$.leadId");
    String processInstanceId = json(submitted).read("$.processInstanceId");
    String tasksOfIntake = "/engine-rest/task?maxResults=50&processInstanceId=" + processInstanceId;

    List<String> samSees = await().atMost(Duration.ofSeconds(20))
        .until(() -> json(api.get("sam", tasksOfIntake)).read("$[*].id"), ids -> ((List<?>) ids).size() == 1);
    String taskId = samSees.get(0);
    assertThat((List<?>) json(api.get("sue", tasksOfIntake)).read("$")).as("support does not see sales tasks").isEmpty();
    assertThat((List<?>) json(api.get("sue", "/engine-rest/task?maxResults=2000")).read("$[?(@.id == '" + taskId + "')]")).isEmpty();
    assertThat(api.get("sam", "/engine-rest/task/" + taskId + "/deployed-form").getStatusCode())
        .as("the review form loads for sales").isEqualTo(HttpStatus.OK);

    String qualify = """
        {"variables": {"qualified": {"value": true}, "reviewNote": {"value": "Call booked"}}}""";
    assertThat(api.post("sue", "/engine-rest/task/" + taskId + "/submit-form", qualify).getStatusCode().is2xxSuccessful())
        .as("support cannot complete a sales task").isFalse();
    assertThat(api.post("sam", "/engine-rest/task/" + taskId + "/submit-form", qualify).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    List<String> owners = await().atMost(Duration.ofSeconds(20))
        .until(() -> json(api.get("sam", "/api/opportunities?leadId=" + leadId)).read("$[*].owner"),
            list -> !((List<?>) list).isEmpty());
    assertThat(owners).containsExactly("sam");
    assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.status")).isEqualTo("QUALIFIED");
  }
}

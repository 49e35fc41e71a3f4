package io.crmflow.metrics;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * /api/metrics/workflows on a known history (see {@link KnownHistory}): counts, percentiles,
 * conversion, step times and throughput buckets, the window rules, access per group; and the
 * Prometheus meters of instances the engine really ran.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowMetricsApiTest {

  @Autowired Api api;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;
  @Autowired WorkflowRateGauges rateGauges;

  private KnownHistory history;
  private String window;

  @BeforeAll
  void writeKnownHistory() {
    Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    history = new KnownHistory(repositoryService, jdbc, base);
    window = "from=" + base.minus(Duration.ofHours(1)) + "&to=" + base.plus(Duration.ofHours(2));
  }

  @Test
  void shouldCountAndMeasureEveryProcessOfTheWindow() {
    ResponseEntity<String> response = api.get("mia", "/api/metrics/workflows?" + window);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    List<Map<String, Object>> processes = json.read("$.processes[?(@.processKey == '" + history.key + "')]");
    assertThat(processes).hasSize(1);
    String process = "$.processes[?(@.processKey == '" + history.key + "')]";
    assertThat((List<Object>) json.read(process + ".name")).containsExactly("Metrics test");
    assertThat((List<Object>) json.read(process + ".started")).containsExactly(13);
    assertThat((List<Object>) json.read(process + ".completed")).containsExactly(10);
    assertThat((List<Object>) json.read(process + ".terminated")).containsExactly(1);
    assertThat((List<Object>) json.read(process + ".throughputPerHour")).containsExactly(3.333);
    assertThat((List<Object>) json.read(process + ".latency.p50")).containsExactly(550.0);
    assertThat((List<Object>) json.read(process + ".latency.p95")).containsExactly(955.0);
    assertThat((List<Object>) json.read(process + ".latency.p99")).containsExactly(991.0);
    assertThat((List<Object>) json.read(process + ".latency.avg")).containsExactly(550.0);
    assertThat((List<Object>) json.read(process + ".latency.max")).containsExactly(1000);
    assertThat((List<Object>) json.read(process + ".versions[0].version")).containsExactly(1);
    assertThat((List<Object>) json.read(process + ".versions[0].processDefinitionId"))
        .containsExactly(history.definitionId);
    assertThat((List<Object>) json.read(process + ".versions[0].completed")).containsExactly(10);
    assertThat((List<Object>) json.read("$.processes[*].processKey")).contains("lead-intake");
  }

  @Test
  void shouldShowConversionAndTimePerStepOfOneProcess() {
    ResponseEntity<String> response = api.get("dan", "/api/metrics/workflows/" + history.key + "?" + window);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    assertThat((Integer) json.read("$.process.completed")).isEqualTo(10);
    assertThat((List<Object>) json.read("$.conversion[*].endActivityId")).containsExactly(KnownHistory.WON,
        KnownHistory.LOST);
    assertThat((List<Object>) json.read("$.conversion[*].name")).containsExactly("Won", "Lost");
    assertThat((List<Object>) json.read("$.conversion[*].count")).containsExactly(7, 3);
    assertThat((List<Object>) json.read("$.conversion[*].share")).containsExactly(0.7, 0.3);
    String work = "$.activities[?(@.activityId == '" + KnownHistory.USER_TASK + "')]";
    assertThat((List<Object>) json.read(work + ".count")).containsExactly(10);
    assertThat((List<Object>) json.read(work + ".avgMillis")).containsExactly(275.0);
    assertThat((List<Object>) json.read(work + ".p95Millis")).containsExactly(477.5);
    assertThat((List<Object>) json.read(work + ".maxMillis")).containsExactly(500);
    assertThat((String) json.read("$.activities[0].activityId")).isEqualTo(KnownHistory.USER_TASK); // slowest first
    assertThat((List<Object>) json.read("$.waitingAtUserTasks[*].activityId"))
        .containsExactly(KnownHistory.USER_TASK);
  }

  @Test
  void shouldBucketThroughputOverTime() {
    ResponseEntity<String> response = api.get("lea",
        "/api/metrics/workflows/" + history.key + "/throughput?bucket=PT1H&" + window);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    assertThat((List<Object>) json.read("$.buckets[*].start")).containsExactly(
        history.base.minus(Duration.ofHours(1)).toString(), history.base.toString(),
        history.base.plus(Duration.ofHours(1)).toString());
    assertThat((List<Object>) json.read("$.buckets[*].started")).containsExactly(0, 13, 0);
    assertThat((List<Object>) json.read("$.buckets[*].completed")).containsExactly(0, 10, 0);
    assertThat((Double) json.read("$.buckets[1].p95Millis")).isEqualTo(955.0);
  }

  @Test
  void shouldDefaultToWholeBucketsOfTheLast24Hours() {
    ResponseEntity<String> response = api.get("admin", "/api/metrics/workflows/" + history.key + "/throughput");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> starts = json(response).read("$.buckets[*].start");
    assertThat(starts).hasSize(24);
    assertThat(Instant.parse(starts.get(0))).isEqualTo(Instant.parse(starts.get(0)).truncatedTo(ChronoUnit.HOURS));
    assertThat(Instant.parse(starts.get(23))).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofHours(1)));
  }

  @Test
  void shouldAnswerForTheLast24HoursByDefault() {
    ResponseEntity<String> response = api.get("admin", "/api/metrics/workflows");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    Instant from = Instant.parse(json(response).read("$.from"));
    Instant to = Instant.parse(json(response).read("$.to"));
    assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
    // the known history is two days old: outside the default window
    assertThat((List<Object>) json(response).read("$.processes[?(@.processKey == '" + history.key + "')].started"))
        .containsExactly(0);
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "/api/metrics/workflows?from=yesterday | from",
      "/api/metrics/workflows?to=2026-13-01T00:00:00Z | to",
      "/api/metrics/workflows?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "/api/metrics/workflows?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "/api/metrics/workflows?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "/api/metrics/workflows/lead-intake/throughput?bucket=hourly | bucket",
      "/api/metrics/workflows/lead-intake/throughput?bucket=PT10S | bucket",
      "/api/metrics/workflows/lead-intake/throughput?bucket=-PT1H | bucket",
      "/api/metrics/workflows/lead-intake/throughput?bucket=PT1M&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z | bucket"})
  void shouldRefuseBadWindows(String path, String field) {
    ResponseEntity<String> response = api.get("admin", path);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<Object>) json(response).read("$.errors[*].field")).containsExactly(field);
  }

  @ParameterizedTest
  @CsvSource({"/api/metrics/workflows/no-such-process", "/api/metrics/workflows/no-such-process/throughput"})
  void shouldAnswer404ForAnUnknownProcess(String path) {
    ResponseEntity<String> response = api.get("admin", path);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @ParameterizedTest(name = "{0} → {2} for {1}")
  @CsvSource({"mia, /api/metrics/workflows, 200", "dan, /api/metrics/workflows, 200",
      "lea, /api/metrics/workflows/lead-intake, 200", "admin, /dashboard/, 200", "mia, /dashboard/, 200",
      "sam, /api/metrics/workflows, 403", "sue, /api/metrics/workflows, 403", "webform, /api/metrics/workflows, 403",
      "sam, /dashboard/, 403", "mia, /actuator/prometheus, 403", ", /api/metrics/workflows, 401",
      ", /dashboard/, 401", ", /dashboard/dashboard.js, 401", ", /actuator/prometheus, 401"})
  void shouldLetManagersDirectorsSupportLeadsAndAdminsSeeMetrics(String user, String path, int status) {
    assertThat(api.get(user, path).getStatusCode().value()).isEqualTo(status);
  }

  /** The last 24 hours' throughput rate and flow efficiency per process, as /api/metrics/workflows answers them. */
  @Test
  void shouldGaugeThroughputRateAndFlowEfficiencyForPrometheus() {
    String key = new KnownHistory(repositoryService, jdbc,
        Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3))).key;

    rateGauges.refresh();

    String body = api.get("admin", "/actuator/prometheus").getBody();
    assertThat(body).contains("crmflow_workflow_throughput_rate{process=\"" + key + "\"} 0.769"); // 10 ÷ 13
    assertThat(body).contains("crmflow_workflow_flow_efficiency{process=\"" + key + "\"} 0.25");
  }

  @Test
  void shouldCountRealInstancesForPrometheus() {
    String key = new KnownHistory(repositoryService, jdbc, Instant.now().minus(Duration.ofDays(3))).key;
    for (boolean won : List.of(true, true, false)) {
      String instance = runtimeService.startProcessInstanceByKey(key).getId();
      taskService.complete(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId(),
          Map.of("won", won));
    }
    runtimeService.startProcessInstanceByKey(key); // still in flight

    ResponseEntity<String> response = api.get("admin", "/actuator/prometheus");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/plain");
    String body = response.getBody();
    assertThat(body).contains("crmflow_workflow_started_total{process=\"" + key + "\"} 4.0");
    assertThat(body).contains("crmflow_workflow_completed_total{endEvent=\"EndEvent_Won\",process=\"" + key + "\"} 2.0");
    assertThat(body).contains("crmflow_workflow_completed_total{endEvent=\"EndEvent_Lost\",process=\"" + key + "\"} 1.0");
    assertThat(body).contains("crmflow_workflow_latency_seconds_count{process=\"" + key + "\"} 3");
    assertThat(body).contains("crmflow_workflow_latency_seconds_bucket{process=\"" + key + "\",le=\"+Inf\"} 3");
    assertThat(body).contains("crmflow_incidents_open");
    assertThat(body).as("request metrics stay, Spring Security's per-filter observations are off")
        .contains("http_server_requests_seconds_count").doesNotContain("spring_security_");

    // the same instances in the database view: the running one in flight, the three completed counted
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      DocumentContext json = json(api.get("admin", "/api/metrics/workflows/" + key));
      assertThat((Integer) json.read("$.process.completed")).isEqualTo(3);
      assertThat((Integer) json.read("$.process.inFlight")).isEqualTo(1);
      assertThat((List<Object>) json.read("$.conversion[*].count")).containsExactly(2, 1);
    });
  }
}

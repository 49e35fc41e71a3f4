package io.crmflow.metrics;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * /api/metrics/lifecycle on known contacts written straight into crm_contact, 20 days back where no other
 * test writes contacts: the funnel's totals, rates and buckets to the unit, the stages now, the window
 * rules, access per group, and the crmflow_contacts gauges.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleMetricsApiTest {

  private static final String PATH = "/api/metrics/lifecycle";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  /** Start of the known window [base, base + 3 h). */
  private Instant base;

  /**
   * The known contacts, by minutes after {@code base}. In [base, base + 3 h): 7 became known (3, 2, 2 per
   * hour), 4 became an opportunity (2, 2, 0), 3 a customer (0, 1, 2) — one of them known since long before
   * the window, two erased since.
   */
  @BeforeAll
  void writeKnownContacts() {
    base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(20));
    contact("LEAD", at(10), null, null, null);                                  // A
    contact("OPPORTUNITY", at(20), at(40), null, null);                         // B
    contact("CUSTOMER", at(30), at(70), at(125), null);                         // C: three buckets
    contact("LEAD", at(75), null, null, at(120));                               // D, erased
    contact("CUSTOMER", at(90), at(105), at(110), at(150));                     // E, erased
    contact("LEAD", at(120), null, null, null);                                 // F: on a bucket's start
    contact("CUSTOMER", at(-5 * 24 * 60), at(-24 * 60), at(140), null);         // G: known long before
    contact("OPPORTUNITY", at(-60), at(0), null, null);                         // H: on the window's start
    contact("LEAD", at(180), null, null, null);                                 // I: on the window's end
    contact("OPPORTUNITY", at(170), at(190), null, null);                       // J: opportunity after it
    contact("LEAD", at(-2 * 24 * 60), null, null, null);                        // K: before it
  }

  @Test
  void shouldCountTheFunnelOfTheWindow() {
    ResponseEntity<String> response = api.get("mia", PATH + "?" + window(0, 180) + "&bucket=PT1H");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    assertThat((String) json.read("$.from")).isEqualTo(base.toString());
    assertThat((String) json.read("$.to")).isEqualTo(at(180).toString());
    assertThat((String) json.read("$.bucket")).isEqualTo("PT1H");
    assertThat((Integer) json.read("$.newContacts")).isEqualTo(7);
    assertThat((Integer) json.read("$.becameOpportunity")).isEqualTo(4);
    assertThat((Integer) json.read("$.becameCustomer")).isEqualTo(3);
    assertThat((Double) json.read("$.opportunityRate")).isEqualTo(0.571);
    assertThat((Double) json.read("$.customerRate")).isEqualTo(0.75);
    assertThat((List<Object>) json.read("$.buckets[*].start"))
        .containsExactly(at(0).toString(), at(60).toString(), at(120).toString());
    assertThat((List<Object>) json.read("$.buckets[*].newContacts")).containsExactly(3, 2, 2);
    assertThat((List<Object>) json.read("$.buckets[*].becameOpportunity")).containsExactly(2, 2, 0);
    assertThat((List<Object>) json.read("$.buckets[*].becameCustomer")).containsExactly(0, 1, 2);
    assertThat(response.getBody()).as("counts and times only").doesNotContain("@example.org", "email");
  }

  @Test
  void shouldPutEveryContactIntoTheBucketItsTimeFallsIn() {
    ResponseEntity<String> response = api.get("dan", PATH + "?" + window(0, 180) + "&bucket=PT30M");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    assertThat((List<Object>) json.read("$.buckets[*].start")).hasSize(6).startsWith(at(0).toString())
        .endsWith(at(150).toString());
    // C at +30 and E at +90 open their buckets; F at +120 too
    assertThat((List<Object>) json.read("$.buckets[*].newContacts")).containsExactly(2, 1, 1, 1, 1, 1);
    assertThat((List<Object>) json.read("$.buckets[*].becameOpportunity")).containsExactly(1, 1, 1, 1, 0, 0);
    assertThat((List<Object>) json.read("$.buckets[*].becameCustomer")).containsExactly(0, 0, 0, 1, 2, 0);
  }

  @Test
  void shouldCutTheLastBucketAtTheWindowsEnd() {
    // [base + 1 h, base + 2 h 30 min) in PT1H buckets: the second bucket ends at to
    DocumentContext json = json(api.get("lea", PATH + "?" + window(60, 150) + "&bucket=PT1H"));

    assertThat((List<Object>) json.read("$.buckets[*].start")).containsExactly(at(60).toString(), at(120).toString());
    assertThat((List<Object>) json.read("$.buckets[*].newContacts")).containsExactly(2, 1);
    assertThat((List<Object>) json.read("$.buckets[*].becameCustomer")).containsExactly(1, 2);
    assertThat((Integer) json.read("$.becameCustomer")).isEqualTo(3);
  }

  @Test
  void shouldAnswerNullRatesWhenNothingCameBefore() {
    // in the last hour no contact became an opportunity, but two became customers: customerRate has no divisor
    ResponseEntity<String> lastHour = api.get("admin", PATH + "?" + window(120, 180));
    DocumentContext json = json(lastHour);
    assertThat((Integer) json.read("$.newContacts")).isEqualTo(2);
    assertThat((Integer) json.read("$.becameOpportunity")).isZero();
    assertThat((Integer) json.read("$.becameCustomer")).isEqualTo(2);
    assertThat((Double) json.read("$.opportunityRate")).isEqualTo(0.0);
    assertThat(lastHour.getBody()).contains("\"customerRate\":null");

    ResponseEntity<String> nothing = api.get("admin", PATH + "?" + window(-4 * 24 * 60, -3 * 24 * 60) + "&bucket=PT6H");
    json = json(nothing);
    assertThat((Integer) json.read("$.newContacts")).isZero();
    assertThat((Integer) json.read("$.becameOpportunity")).isZero();
    assertThat((Integer) json.read("$.becameCustomer")).isZero();
    assertThat(nothing.getBody()).contains("\"opportunityRate\":null", "\"customerRate\":null");
    assertThat((List<Object>) json.read("$.buckets[*].newContacts")).containsExactly(0, 0, 0, 0);
  }

  @Test
  void shouldCountContactsPerStageNowLeavingOutErasedOnes() {
    Map<String, Integer> before = json(api.get("admin", PATH)).read("$.contactsByStage");
    Instant longAgo = base.minus(Duration.ofDays(9));
    contact("LEAD", longAgo, null, null, null);
    contact("LEAD", longAgo, null, null, null);
    contact("LEAD", longAgo, null, null, longAgo);
    contact("OPPORTUNITY", longAgo, longAgo, null, null);
    contact("OPPORTUNITY", longAgo, longAgo, null, longAgo);
    contact("CUSTOMER", longAgo, longAgo, longAgo, null);
    contact("CUSTOMER", longAgo, longAgo, longAgo, null);
    contact("CUSTOMER", longAgo, longAgo, longAgo, null);
    contact("CUSTOMER", longAgo, longAgo, longAgo, longAgo);

    Map<String, Integer> after = json(api.get("admin", PATH)).read("$.contactsByStage");

    assertThat(after.get("lead") - before.get("lead")).isEqualTo(2);
    assertThat(after.get("opportunity") - before.get("opportunity")).isEqualTo(1);
    assertThat(after.get("customer") - before.get("customer")).isEqualTo(3);
  }

  @Test
  void shouldDefaultToWholeHourBucketsOfTheLast24Hours() {
    ResponseEntity<String> response = api.get("admin", PATH);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    DocumentContext json = json(response);
    assertThat((String) json.read("$.bucket")).isEqualTo("PT1H");
    Instant from = Instant.parse(json.read("$.from"));
    Instant to = Instant.parse(json.read("$.to"));
    assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
    assertThat(to).isEqualTo(to.truncatedTo(ChronoUnit.HOURS)).isAfter(Instant.now())
        .isBefore(Instant.now().plus(Duration.ofHours(1)));
    assertThat((List<Object>) json.read("$.buckets")).hasSize(24);
  }

  @ParameterizedTest(name = "{0} → 400 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "?from=yesterday | from",
      "?to=2026-13-01T00:00:00Z | to",
      "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
      "?bucket=hourly | bucket",
      "?bucket=PT10S | bucket",
      "?bucket=-PT1H | bucket",
      "?bucket=PT0S | bucket",
      "?bucket=PT1M&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z | bucket"})
  void shouldRefuseBadWindows(String query, String field) {
    ResponseEntity<String> response = api.get("admin", PATH + query);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<Object>) json(response).read("$.errors[*].field")).containsExactly(field);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"mia, 200", "dan, 200", "lea, 200", "admin, 200", "sam, 403", "sue, 403", "webform, 403", ", 401"})
  void shouldLetManagersDirectorsSupportLeadsAndAdminsSeeTheFunnel(String user, int status) {
    assertThat(api.get(user, PATH).getStatusCode().value()).isEqualTo(status);
  }

  @Test
  void shouldGaugeContactsPerStageForPrometheus() {
    Instant longAgo = base.minus(Duration.ofDays(9));
    contact("CUSTOMER", longAgo, longAgo, longAgo, null);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String prometheus = api.get("admin", "/actuator/prometheus").getBody();
      Map<String, Integer> stages = json(api.get("admin", PATH)).read("$.contactsByStage");
      assertThat(stages.get("customer")).isPositive();
      for (String stage : List.of("lead", "opportunity", "customer")) {
        assertThat(gauge(prometheus, stage)).as(stage).isEqualTo(stages.get(stage).doubleValue());
      }
    });
  }

  private static double gauge(String prometheus, String stage) {
    Matcher matcher = Pattern.compile("(?m)^crmflow_contacts\\{stage=\"" + stage + "\"} (\\S+)$").matcher(prometheus);
    assertThat(matcher.find()).as("crmflow_contacts{stage=\"%s\"} in %s", stage, prometheus).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private String window(int fromMinutes, int toMinutes) {
    return "from=" + at(fromMinutes) + "&to=" + at(toMinutes);
  }

  private Instant at(int minutesAfterBase) {
    return base.plus(Duration.ofMinutes(minutesAfterBase));
  }

  private void contact(String stage, Instant createdAt, Instant opportunityAt, Instant customerAt, Instant erasedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into crm_contact (id, email, locale, marketing_consent, sms_consent, email_invalid, lifecycle_stage,
                                     opportunity_at, customer_at, erased_at, created_at, updated_at)
            values (:id, :email, 'en', false, false, false, :stage, :opportunityAt, :customerAt, :erasedAt,
                    :createdAt, :createdAt)""")
        .param("id", id)
        .param("email", "lifecycle." + id + "@example.org")
        .param("stage", stage)
        .param("opportunityAt", timestamp(opportunityAt))
        .param("customerAt", timestamp(customerAt))
        .param("erasedAt", timestamp(erasedAt))
        .param("createdAt", timestamp(createdAt))
        .update();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}

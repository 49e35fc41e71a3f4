package io.crmflow.metrics;

import static io.crmflow.metrics.DurationHistogramTest.exactPercentile;
import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hourly rollups ({@link HourlyRollup}) on history written into past hours: the metrics answer
 * the same before and after rolling up — counts, sums and conversion exactly, percentiles exactly on
 * small windows and within the histograms' bound on large ones — each hour is rolled up once however
 * often or concurrently the rollup runs, and only after its grace period. Also on PostgreSQL.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HourlyRollupTest {

  private static final double BOUND = DurationHistogram.MAX_RELATIVE_ERROR;

  @Autowired Api api;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcClient jdbc;
  @Autowired HourlyRollup rollup;
  @Autowired MetricsProperties properties;

  /**
   * A rollup covers every older hour not rolled up yet, so each test writes its history a day after
   * the previous test's (and rolls up only to just after it): no test finds its hours rolled up by
   * another. A month back, far from the other metrics tests' history (two and three days back).
   */
  private Instant nextBase = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(30));

  @Test
  void shouldAnswerTheSameBeforeAndAfterRollingUp() {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase());
    Instant base = history.base;
    List<String> paths = paths(history.key, base.minus(Duration.ofHours(1)), base.plus(Duration.ofHours(2)));
    paths.addAll(paths(history.key, base.plus(Duration.ofMinutes(10)), base.plus(Duration.ofMinutes(150))));
    // from after the two running instances started: the rest of their hour from history, later hours rolled up
    paths.addAll(paths(history.key, base.plus(Duration.ofMinutes(50)), base.plus(Duration.ofMinutes(170))));
    List<Object> before = answers(history.key, paths);

    assertThat(rollUpUntil(base.plus(Duration.ofHours(3)))).isPositive();

    assertThat(rolledUp(base)).isTrue();
    assertThat(answers(history.key, paths)).isEqualTo(before);
    DocumentContext detail = json(api.get("mia", paths.get(1)));
    assertThat((Integer) detail.read("$.process.started")).isEqualTo(13);
    assertThat((Integer) detail.read("$.process.completed")).isEqualTo(10);
    assertThat((Integer) detail.read("$.process.terminated")).isEqualTo(1);
    assertThat((Double) detail.read("$.process.latency.p95")).isEqualTo(955.0);
    assertThat((Boolean) detail.read("$.percentiles.exact")).isTrue();
    assertThat((List<Object>) detail.read("$.conversion[*].count")).containsExactly(7, 3);
    assertThat((Integer) detail.read("$.process.totalInWindow")).isEqualTo(13);
    assertThat((Double) detail.read("$.process.throughputRate")).isEqualTo(0.769); // 10 ÷ 13
    assertThat((Integer) detail.read("$.process.flow.workMillis")).isEqualTo(1375); // Σ duration / 4
    assertThat((Integer) detail.read("$.process.flow.endToEndMillis")).isEqualTo(5500);
    assertThat((Double) detail.read("$.process.flowEfficiency")).isEqualTo(0.25);
    DocumentContext late = json(api.get("mia", paths.get(9)));
    assertThat((Integer) late.read("$.process.inFlightAtStart")).isEqualTo(2);
    assertThat((Double) late.read("$.process.throughputRate")).isEqualTo(0.0);
  }

  @Test
  void shouldKeepCountingRolledUpHoursAfterTheirHistoryIsRemoved() {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase());
    String path = "/api/metrics/workflows/" + history.key + "?from=" + history.base + "&to="
        + history.base.plus(Duration.ofHours(2));
    rollUpUntil(history.base.plus(Duration.ofHours(2)));

    // as the engine's history cleanup does once the time to live has passed: ended instances only
    jdbc.sql("delete from ACT_HI_ACTINST where PROC_DEF_KEY_ = ?").param(history.key).update();
    jdbc.sql("delete from ACT_HI_PROCINST where PROC_DEF_KEY_ = ? and END_TIME_ is not null").param(history.key)
        .update();

    DocumentContext json = json(api.get("mia", path));
    assertThat((Integer) json.read("$.process.started")).isEqualTo(13);
    assertThat((Integer) json.read("$.process.completed")).isEqualTo(10);
    assertThat((Integer) json.read("$.process.latency.max")).isEqualTo(1000);
    assertThat((List<Object>) json.read("$.conversion[*].count")).containsExactly(7, 3);
    assertThat((List<Object>) json.read("$.activities[?(@.activityId == 'Task_Work')].count")).containsExactly(10);
    assertThat((Integer) json.read("$.process.totalInWindow")).isEqualTo(13);
    assertThat((Double) json.read("$.process.flowEfficiency")).isEqualTo(0.25);
  }

  @Test
  void shouldReadPercentilesOfLargeWindowsFromHistogramsWithinTheBound() {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase());
    Instant base = history.base;
    int instances = (int) properties.exactPercentileLimit() + 200;
    Random random = new Random(42);
    List<Instant> starts = new ArrayList<>();
    List<Long> durations = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      // over six hours, 50 ms to two hours (log-uniform): most instances end in a later hour than they start
      starts.add(base.plusMillis(random.nextLong(Duration.ofHours(6).toMillis())));
      durations.add(Math.round(Math.exp(Math.log(50) + random.nextDouble() * Math.log(7_200_000 / 50.0))));
      history.addCompleted(starts.get(i), durations.get(i), i % 4 != 0); // a quarter lost
    }
    // partial hours at both edges: history for them, rollups for the hours between; the known
    // history's own 13 instances are over before from
    Instant from = base.plus(Duration.ofMinutes(50));
    Instant to = base.plus(Duration.ofHours(7)).plus(Duration.ofMinutes(40));
    List<String> paths = paths(history.key, from, to);
    List<Object> before = answers(history.key, paths);

    rollUpUntil(base.plus(Duration.ofHours(9)));

    assertThat(answers(history.key, paths)).isEqualTo(before);
    Predicate<Instant> inWindow = time -> !time.isBefore(from) && time.isBefore(to);
    List<Long> completedInWindow = new ArrayList<>();
    List<Long> workInWindow = new ArrayList<>();
    long startedInWindow = 0;
    int lostInWindow = 0;
    for (int i = 0; i < instances; i++) {
      Instant start = starts.get(i);
      long duration = durations.get(i);
      startedInWindow += inWindow.test(start) ? 1 : 0;
      if (inWindow.test(start.plusMillis(duration))) {
        completedInWindow.add(duration);
        lostInWindow += i % 4 == 0 ? 1 : 0;
      }
      if (inWindow.test(start.plusMillis(duration / 2))) {
        workInWindow.add(duration / 2);
      }
    }
    // half-hour buckets cut hours: history alone, too many completed instances to sum their steps
    DocumentContext halfHours = json(api.get("lea", paths.get(3)));
    assertThat(halfHours.jsonString()).doesNotContain("flowEfficiency");
    assertThat((List<Object>) halfHours.read("$.buckets[*].throughputRate"))
        .hasSameSizeAs(halfHours.read("$.buckets[*].start"));
    DocumentContext detail = json(api.get("dan", paths.get(1)));
    assertThat((Boolean) detail.read("$.percentiles.exact")).isFalse();
    assertThat((Double) detail.read("$.percentiles.maxRelativeError")).isEqualTo(BOUND);
    assertThat(((Number) detail.read("$.process.started")).longValue()).isEqualTo(startedInWindow);
    assertThat(((Number) detail.read("$.process.completed")).longValue()).isEqualTo(completedInWindow.size());
    assertThat(((Number) detail.read("$.process.latency.max")).longValue())
        .isEqualTo(completedInWindow.stream().mapToLong(Long::longValue).max().orElseThrow());
    assertThat((Double) detail.read("$.process.latency.avg")).isCloseTo(
        completedInWindow.stream().mapToLong(Long::longValue).average().orElseThrow(), within(0.05));
    assertWithinBound(detail.read("$.process.latency.p50"), exactPercentile(completedInWindow, 0.5));
    assertWithinBound(detail.read("$.process.latency.p95"), exactPercentile(completedInWindow, 0.95));
    assertWithinBound(detail.read("$.process.latency.p99"), exactPercentile(completedInWindow, 0.99));
    assertThat((List<Object>) detail.read("$.conversion[*].count")).containsExactly(
        completedInWindow.size() - lostInWindow, lostInWindow);
    assertWithinBound(((List<Double>) detail.read("$.activities[?(@.activityId == 'Task_Work')].p95Millis")).get(0),
        exactPercentile(workInWindow, 0.95));
  }

  /**
   * Beyond crmflow.metrics.exact-flow-limit instances completed in the history-read parts, flow efficiency
   * covers the rolled-up hours and says how far off that can be: the left-out share of end-to-end time.
   */
  @Test
  void shouldBoundTheFlowEfficiencyOfTheRolledUpHoursWhenHistoryHoldsTooManyInstances() {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase()); // flow 0.25 in its hour
    Instant nextHour = history.base.plus(Duration.ofHours(1));
    int many = (int) properties.exactFlowLimit() + 1;
    for (int i = 0; i < many; i++) {
      // all work: one service task as long as the instance
      String id = history.insertInstance(nextHour.plusMillis(i), 1000L, "COMPLETED", KnownHistory.WON);
      history.insertActivity(id, "Task_Check", "serviceTask", nextHour.plusMillis(i), 1000);
    }
    String path = "/api/metrics/workflows/" + history.key + "?from=" + history.base + "&to="
        + nextHour.plus(Duration.ofMinutes(30));
    long work = 1375 + 1000L * many;
    long endToEnd = 5500 + 1000L * many;
    double exact = Math.round(work * 1000.0 / endToEnd) / 1000.0;

    DocumentContext historyOnly = json(api.get("mia", path));
    assertThat((Double) historyOnly.read("$.process.flowEfficiency")).isEqualTo(exact);
    assertThat(historyOnly.jsonString()).doesNotContain("maxError");

    rollUpUntil(nextHour); // the known history's hour only
    DocumentContext rolledUp = json(api.get("mia", path));
    assertThat((Integer) rolledUp.read("$.process.completed")).isEqualTo(10 + many);
    assertThat((Integer) rolledUp.read("$.process.flow.instances")).isEqualTo(10);
    assertThat((Double) rolledUp.read("$.process.flowEfficiency")).isEqualTo(0.25);
    double maxError = rolledUp.read("$.process.flow.maxError");
    assertThat(maxError).isEqualTo(Math.ceil(1000L * many * 1000.0 / endToEnd) / 1000.0);
    assertThat(Math.abs(exact - 0.25)).isLessThanOrEqualTo(maxError);
  }

  @Test
  void shouldRollUpEachHourOnceHoweverOftenAndOnHowManyNodes() throws Exception {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase());
    for (int hour = 1; hour < 30; hour++) {
      history.addCompleted(history.base.plus(Duration.ofHours(hour)), 1000L * hour, hour % 2 == 0);
    }
    Instant now = history.base.plus(Duration.ofHours(32)).plus(properties.rollup().grace());
    long hoursBefore = jdbc.sql("select count(*) from crm_rollup_hour").query(Long.class).single();

    // two nodes at the same moment: each hour is claimed by one of them
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> nodes = List.of(1, 2).stream()
        .map(node -> CompletableFuture.supplyAsync(() -> {
          await(go);
          return rollup.rollUpClosedHours(now);
        }))
        .toList();
    go.countDown();
    int rolledUpByBoth = nodes.get(0).get() + nodes.get(1).get();

    long hoursAfter = jdbc.sql("select count(*) from crm_rollup_hour").query(Long.class).single();
    assertThat(rolledUpByBoth).isEqualTo(hoursAfter - hoursBefore).isGreaterThanOrEqualTo(32);
    Map<String, Object> rollups = rollupTotals(history.key);
    assertThat(rollups).containsEntry("started", 13L + 29).containsEntry("ended", 11L + 29)
        .containsEntry("completed", 10L + 29).containsEntry("activities", 2L * (10 + 29));

    assertThat(rollup.rollUpClosedHours(now)).isZero();
    assertThat(rollupTotals(history.key)).isEqualTo(rollups);
  }

  @Test
  void shouldRollUpAnHourOnlyOnceItsGracePeriodHasPassed() {
    KnownHistory history = new KnownHistory(repositoryService, jdbc, freshBase());
    Instant hourBefore = history.base.minus(Duration.ofHours(1));
    history.addCompleted(hourBefore, 1000, true);
    Instant endOfHour = history.base.plus(Duration.ofHours(1));
    Duration grace = properties.rollup().grace();

    rollup.rollUpClosedHours(endOfHour.plus(grace).minusSeconds(1));
    assertThat(rolledUp(hourBefore)).isTrue();
    assertThat(rolledUp(history.base)).isFalse();
    assertThat(rollupTotals(history.key)).containsEntry("started", 1L);

    rollup.rollUpClosedHours(endOfHour.plus(grace));
    assertThat(rolledUp(history.base)).isTrue();
    assertThat(rollupTotals(history.key)).containsEntry("started", 14L).containsEntry("completed", 11L);
  }

  private Instant freshBase() {
    Instant base = nextBase;
    nextBase = nextBase.plus(Duration.ofDays(1));
    return base;
  }

  private int rollUpUntil(Instant endOfLastHour) {
    return rollup.rollUpClosedHours(endOfLastHour.plus(properties.rollup().grace()));
  }

  private boolean rolledUp(Instant hour) {
    return jdbc.sql("select count(*) from crm_rollup_hour where hour_start = ?").param(Timestamp.from(hour))
        .query(Long.class).single() == 1;
  }

  private Map<String, Object> rollupTotals(String key) {
    return jdbc.sql("""
            select (select coalesce(sum(started), 0) from crm_rollup_instance where proc_def_key_ = :key) as started,
                   (select coalesce(sum(ended), 0) from crm_rollup_instance where proc_def_key_ = :key) as ended,
                   (select coalesce(sum(duration_count), 0) from crm_rollup_completed where proc_def_key_ = :key)
                     as completed,
                   (select coalesce(sum(duration_count), 0) from crm_rollup_activity where proc_def_key_ = :key)
                     as activities""")
        .param("key", key)
        .query((rs, row) -> Map.<String, Object>of("started", rs.getLong("started"), "ended", rs.getLong("ended"),
            "completed", rs.getLong("completed"), "activities", rs.getLong("activities")))
        .single();
  }

  /** Overview, detail, hourly and half-hourly throughput of the window. */
  private static List<String> paths(String key, Instant from, Instant to) {
    String window = "from=" + from + "&to=" + to;
    return new ArrayList<>(List.of("/api/metrics/workflows?" + window, "/api/metrics/workflows/" + key + "?" + window,
        "/api/metrics/workflows/" + key + "/throughput?bucket=PT1H&" + window,
        "/api/metrics/workflows/" + key + "/throughput?bucket=PT30M&" + window));
  }

  /** The answers as parsed JSON; of the overview only the process's own summary (others change meanwhile). */
  private List<Object> answers(String key, List<String> paths) {
    Predicate<String> overview = path -> path.startsWith("/api/metrics/workflows?");
    return paths.stream().<Object>map(path -> {
      DocumentContext json = json(api.get("mia", path));
      return overview.test(path)
          ? List.<Object>of(json.read("$.processes[?(@.processKey == '" + key + "')]"), json.read("$.percentiles"))
          : json.json();
    }).toList();
  }

  private static void assertWithinBound(Double approximate, double exact) {
    assertThat(approximate).isCloseTo(exact, within(BOUND * (exact + 1) + 0.05));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

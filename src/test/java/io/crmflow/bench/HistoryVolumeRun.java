package io.crmflow.bench;

import com.jayway.jsonpath.JsonPath;
import io.crmflow.CrmflowApplication;
import io.crmflow.metrics.HourlyRollup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shows that the workflow metrics stay fast with a large history: fills a PostgreSQL database of its
 * own (default crmflow_volume on 127.0.0.1:5432 as postgres; CRMFLOW_TEST_PG_HOST, _PORT, _USER,
 * _PASSWORD as for the PostgreSQL suite) with N historic lead-intake instances spread over the last
 * 30 days — and about 8 activity instances each — using generate_series, starts crmflow on it, rolls
 * up every closed hour (timed: the first rollup on an existing history) and times the /api/metrics
 * endpoints over HTTP. The data stays for the next run (pass "drop" to
 * remove the database afterwards).
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.crmflow.bench.HistoryVolumeRun -Dexec.args="1000000"
 * </pre>
 */
public final class HistoryVolumeRun {

  private static final String DATABASE = "crmflow_volume";
  private static final int DAYS = 30;
  private static final int CHUNK = 100_000;

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean drop = args.length > 1 && "drop".equals(args[1]);
    String host = env("CRMFLOW_TEST_PG_HOST", "127.0.0.1");
    String port = env("CRMFLOW_TEST_PG_PORT", "5432");
    String user = env("CRMFLOW_TEST_PG_USER", "postgres");
    String password = env("CRMFLOW_TEST_PG_PASSWORD", "");
    String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try {
      admin(adminUrl, user, password, "create database " + DATABASE);
    } catch (SQLException exists) {
      System.out.println("Using the existing database " + DATABASE);
    }
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmflowApplication.class)
        .profiles("test", "postgres")
        .run("--spring.datasource.url=jdbc:postgresql://" + host + ":" + port + "/" + DATABASE,
            "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
            "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=volume");
    try {
      JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
      fill(jdbc, instances);
      rollUp(jdbc, app.getBean(HourlyRollup.class));
      int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      measure(jdbc, "http://localhost:" + httpPort);
    } finally {
      app.close();
      if (drop) {
        admin(adminUrl, user, password, "drop database if exists " + DATABASE + " with (force)");
      }
    }
  }

  private static void fill(JdbcClient jdbc, int instances) {
    long have = jdbc.sql("select count(*) from ACT_HI_PROCINST where ID_ like 'gen-%'").query(Long.class).single();
    String definition = jdbc.sql("select ID_ from ACT_RE_PROCDEF where KEY_ = 'lead-intake' order by VERSION_ desc")
        .query(String.class).list().get(0);
    double spacingSeconds = DAYS * 86_400.0 / instances;
    long started = System.nanoTime();
    for (long from = have + 1; from <= instances; from += CHUNK) {
      long to = Math.min(instances, from + CHUNK - 1);
      // r decides the path: 60 % nurturing (seconds), 25 % qualified, 12 % disqualified, 3 % escalated (hours in review)
      jdbc.sql("""
          insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
            END_TIME_, DURATION_, START_ACT_ID_, END_ACT_ID_, STATE_, ROOT_PROC_INST_ID_, REMOVAL_TIME_)
          select 'gen-' || g, 'gen-' || g, 'gen-' || g, 'lead-intake', :definition, st,
                 st + make_interval(secs => dur / 1000.0), dur, 'StartEvent_LeadSubmitted',
                 case when r < 60 then 'EndEvent_LeadNurturing' when r < 85 then 'EndEvent_LeadQualified'
                      when r < 97 then 'EndEvent_LeadDisqualified' else 'EndEvent_ReviewEscalated' end,
                 'COMPLETED', 'gen-' || g, st + interval '180 days'
          from (select g, g % 100 as r,
                       localtimestamp - make_interval(secs => g * :spacing) as st,
                       case when g % 100 < 60 then 300 + (g * 7919) % 3000
                            else 600000 + (g * 7919) % 28800000 end as dur
                from generate_series(:from, :to) g) s""")
          .param("definition", definition).param("spacing", spacingSeconds).param("from", from).param("to", to)
          .update();
      jdbc.sql("""
          insert into ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_,
            ACT_ID_, ACT_NAME_, ACT_TYPE_, TASK_ID_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_,
            SEQUENCE_COUNTER_, REMOVAL_TIME_)
          select p.ID_ || '-' || a.n, 'lead-intake', p.PROC_DEF_ID_, p.ID_, p.ID_, p.ID_, a.id, a.name, a.type,
                 case when a.type = 'userTask' then p.ID_ || '-task' end,
                 p.START_TIME_ + make_interval(secs => a.at / 1000.0),
                 p.START_TIME_ + make_interval(secs => (a.at + coalesce(a.dur, p.DURATION_ - 400)) / 1000.0),
                 coalesce(a.dur, p.DURATION_ - 400), 1, a.n, p.REMOVAL_TIME_
          from ACT_HI_PROCINST p
          join (values
            (1, 'StartEvent_LeadSubmitted', 'Lead submitted', 'startEvent', 0, 0, 'all'),
            (2, 'Task_CreateOrUpdateLead', 'Read scoring facts', 'serviceTask', 50, 20, 'all'),
            (3, 'Task_ScoreLead', 'Score lead', 'businessRuleTask', 70, 15, 'all'),
            (4, 'Task_RecordScore', 'Record score', 'serviceTask', 85, 5, 'all'),
            (5, 'Task_SendWelcomeEmail', 'Send welcome email', 'serviceTask', 150, 120, 'all'),
            (6, 'Gateway_LeadRating', 'Lead rating?', 'exclusiveGateway', 290, 0, 'all'),
            (7, 'Task_MoveLeadToNurturing', 'Move lead to nurturing', 'serviceTask', 295, 5, 'EndEvent_LeadNurturing'),
            (7, 'Task_ReviewLead', 'Review lead', 'userTask', 300, null, 'review'),
            (8, 'EndEvent_LeadNurturing', 'Lead nurturing', 'noneEndEvent', 300, 0, 'EndEvent_LeadNurturing'),
            (8, 'EndEvent_LeadQualified', 'Lead qualified', 'noneEndEvent', 300, 0, 'EndEvent_LeadQualified'),
            (8, 'EndEvent_LeadDisqualified', 'Lead disqualified', 'noneEndEvent', 300, 0, 'EndEvent_LeadDisqualified'),
            (8, 'EndEvent_ReviewEscalated', 'Review escalated', 'noneEndEvent', 300, 0, 'EndEvent_ReviewEscalated')
          ) as a(n, id, name, type, at, dur, path)
            on a.path = 'all' or a.path = p.END_ACT_ID_ or (a.path = 'review' and p.END_ACT_ID_ <> 'EndEvent_LeadNurturing')
          where p.ID_ in (select 'gen-' || g from generate_series(:from, :to) g)""")
          .param("from", from).param("to", to)
          .update();
      // the review is claimed a third of the way into it (TaskClaims records that for real tasks)
      jdbc.sql("""
          insert into crm_task_claim (task_id_, proc_inst_id_, claimed_at)
          select a.TASK_ID_, a.PROC_INST_ID_, a.START_TIME_ + make_interval(secs => a.DURATION_ / 3000.0)
          from ACT_HI_ACTINST a
          where a.TASK_ID_ is not null and a.PROC_INST_ID_ in (select 'gen-' || g from generate_series(:from, :to) g)""")
          .param("from", from).param("to", to)
          .update();
      System.out.printf("  %,d of %,d instances written (%.0f s)%n", to, instances,
          (System.nanoTime() - started) / 1e9);
    }
    // what autovacuum does after bulk inserts: statistics, and the visibility map index-only scans need
    jdbc.sql("vacuum analyze ACT_HI_PROCINST").update();
    jdbc.sql("vacuum analyze ACT_HI_ACTINST").update();
    System.out.printf("History: %,d process instances, %,d activity instances%n",
        jdbc.sql("select count(*) from ACT_HI_PROCINST").query(Long.class).single(),
        jdbc.sql("select count(*) from ACT_HI_ACTINST").query(Long.class).single());
  }

  /**
   * The first rollup on a database with history: every closed hour, from scratch on each run (the
   * tests' profile leaves the scheduled rollup off, so this is the only one).
   */
  private static void rollUp(JdbcClient jdbc, HourlyRollup rollup) {
    for (String table : HourlyRollup.TABLES) {
      jdbc.sql("delete from " + table).update();
    }
    long started = System.nanoTime();
    int hours = rollup.rollUpClosedHours(Instant.now());
    System.out.printf("Rollup catch-up: %d hours rolled up in %.1f s%n", hours, (System.nanoTime() - started) / 1e9);
    jdbc.sql("vacuum analyze crm_rollup_completed").update();
    jdbc.sql("vacuum analyze crm_rollup_activity").update();
  }

  private static void measure(JdbcClient jdbc, String baseUrl) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    Instant now = Instant.now();
    Map<String, String> calls = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Duration> window : List.of(Map.entry("24 h", Duration.ofHours(24)),
        Map.entry("7 d", Duration.ofDays(7)), Map.entry("31 d", Duration.ofDays(31)))) {
      String range = "from=" + now.minus(window.getValue()) + "&to=" + now;
      calls.put("overview, " + window.getKey(), "/api/metrics/workflows?" + range);
      calls.put("lead-intake detail, " + window.getKey(), "/api/metrics/workflows/lead-intake?" + range);
    }
    // windows ending with the current bucket, as the dashboard asks: buckets of whole hours
    calls.put("throughput PT1H, 24 h", "/api/metrics/workflows/lead-intake/throughput?bucket=PT1H");
    calls.put("throughput PT6H, 7 d", throughput(now, Duration.ofHours(6), Duration.ofDays(7)));
    calls.put("throughput P1D, 31 d", throughput(now, Duration.ofDays(1), Duration.ofDays(31)));
    // from any instant: buckets cut hours, so only history can answer
    calls.put("throughput P1D, 31 d from now", "/api/metrics/workflows/lead-intake/throughput?bucket=P1D&from="
        + now.minus(Duration.ofDays(31)) + "&to=" + now);
    System.out.println("| request | median | max (5 runs) |");
    System.out.println("|---|---|---|");
    for (Map.Entry<String, String> call : calls.entrySet()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + call.getValue()))
          .header("Authorization", auth).timeout(Duration.ofSeconds(120)).build();
      for (int i = 0; i < 2; i++) {
        check(http.send(request, HttpResponse.BodyHandlers.ofString()), call.getValue());
      }
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        check(http.send(request, HttpResponse.BodyHandlers.ofString()), call.getValue());
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Collections.sort(millis);
      System.out.printf("| %s | %.0f ms | %.0f ms |%n", call.getKey(), millis.get(2), millis.get(4));
    }
    compareWithExact(jdbc, http, auth, baseUrl, now);
    compareRatesWithHistory(jdbc, http, auth, baseUrl, now);
  }

  /**
   * Throughput rate and flow efficiency as answered (rollups and history) beside the same figures
   * counted straight from history, differently: in flight at the start by its definition, and the work
   * time by joining every completed instance's steps.
   */
  private static void compareRatesWithHistory(JdbcClient jdbc, HttpClient http, String auth, String baseUrl,
      Instant now) throws Exception {
    System.out.println("| lead-intake | throughputRate (completed / total) · flowEfficiency (work / end to end ms) |");
    System.out.println("|---|---|");
    for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(31))) {
      Instant from = now.minus(window);
      String path = "/api/metrics/workflows/lead-intake?from=" + from + "&to=" + now;
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
      check(response, path);
      List<Object> maxError = JsonPath.read(response.body(), "$.process.flow[?(@.maxError)].maxError");
      String answered = "%s (%s / %s) · %s (%s / %s)%s".formatted(
          JsonPath.read(response.body(), "$.process.throughputRate"),
          JsonPath.read(response.body(), "$.process.completedInWindow"),
          JsonPath.read(response.body(), "$.process.totalInWindow"),
          JsonPath.read(response.body(), "$.process.flowEfficiency"),
          JsonPath.read(response.body(), "$.process.flow.workMillis"),
          JsonPath.read(response.body(), "$.process.flow.endToEndMillis"),
          maxError.isEmpty() ? "" : ", rolled-up hours only, maxError " + maxError.get(0));
      String counted = jdbc.sql("""
              select (select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = 'lead-intake' and STATE_ = 'COMPLETED'
                        and END_TIME_ >= :from and END_TIME_ < :to) as completed,
                     (select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = 'lead-intake' and START_TIME_ < :to
                        and (END_TIME_ is null or END_TIME_ >= :from)) as total,
                     w.work, w.end_to_end
              from (select sum(work) as work, sum(DURATION_) as end_to_end from (
                      select p.DURATION_, coalesce(sum(case when a.ACT_TYPE_ <> 'userTask' then a.DURATION_
                               else greatest(0, least(a.DURATION_,
                                 round(extract(epoch from a.END_TIME_ - c.claimed_at) * 1000))) end), 0) as work
                      from ACT_HI_PROCINST p
                      left join ACT_HI_ACTINST a on a.PROC_INST_ID_ = p.ID_ and a.ACT_TYPE_ in
                        ('serviceTask', 'scriptTask', 'sendTask', 'businessRuleTask', 'userTask')
                      left join crm_task_claim c on c.task_id_ = a.TASK_ID_
                      where p.PROC_DEF_KEY_ = 'lead-intake' and p.STATE_ = 'COMPLETED'
                        and p.END_TIME_ >= :from and p.END_TIME_ < :to
                      group by p.ID_, p.DURATION_) per_instance) w""")
          .param("from", Timestamp.from(from)).param("to", Timestamp.from(now))
          .query((rs, row) -> "%.3f (%d / %d) · %.3f (%d / %d)".formatted(
              rs.getLong("completed") / (double) rs.getLong("total"), rs.getLong("completed"), rs.getLong("total"),
              rs.getLong("work") / (double) rs.getLong("end_to_end"), rs.getLong("work"), rs.getLong("end_to_end")))
          .single();
      System.out.printf("| %d d answered | %s |%n| %d d from history | %s |%n", window.toDays(), answered,
          window.toDays(), counted);
    }
  }

  /** Latency percentiles of the answers (from histograms) beside the exact ones, sorted by PostgreSQL. */
  private static void compareWithExact(JdbcClient jdbc, HttpClient http, String auth, String baseUrl, Instant now)
      throws Exception {
    System.out.println("| lead-intake latency | p50 / p95 / p99 answered | exact (percentile_cont) | largest error |");
    System.out.println("|---|---|---|---|");
    for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(31))) {
      String path = "/api/metrics/workflows/lead-intake?from=" + now.minus(window) + "&to=" + now;
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
      check(response, path);
      List<Double> answered = List.of("p50", "p95", "p99").stream()
          .map(p -> ((Number) JsonPath.read(response.body(), "$.process.latency." + p)).doubleValue()).toList();
      List<Double> exact = jdbc.sql("""
              select percentile_cont(0.5) within group (order by DURATION_),
                     percentile_cont(0.95) within group (order by DURATION_),
                     percentile_cont(0.99) within group (order by DURATION_)
              from ACT_HI_PROCINST
              where PROC_DEF_KEY_ = 'lead-intake' and STATE_ = 'COMPLETED' and END_TIME_ >= ? and END_TIME_ < ?""")
          .params(Timestamp.from(now.minus(window)), Timestamp.from(now))
          .query((rs, row) -> List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3))).single();
      double error = 0;
      for (int i = 0; i < 3; i++) {
        error = Math.max(error, Math.abs(answered.get(i) - exact.get(i)) / (exact.get(i) + 1));
      }
      System.out.printf("| %d d | %.0f / %.0f / %.0f ms | %.0f / %.0f / %.0f ms | %.2f %% |%n", window.toDays(),
          answered.get(0), answered.get(1), answered.get(2), exact.get(0), exact.get(1), exact.get(2), error * 100);
    }
  }

  private static String throughput(Instant now, Duration bucket, Duration range) {
    Instant to = Instant.ofEpochMilli((now.toEpochMilli() / bucket.toMillis() + 1) * bucket.toMillis());
    return "/api/metrics/workflows/lead-intake/throughput?bucket=" + bucket + "&from=" + to.minus(range) + "&to=" + to;
  }

  private static void check(HttpResponse<String> response, String path) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static void admin(String url, String user, String password, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private HistoryVolumeRun() {
  }
}

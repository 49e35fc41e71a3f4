package io.crmflow.bench;

import io.crmflow.CrmflowApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * 30 days — and about 8 activity instances each — using generate_series, starts crmflow on it and
 * times the /api/metrics endpoints over HTTP. The data stays for the next run (pass "drop" to
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
      int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      measure("http://localhost:" + httpPort);
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
            ACT_ID_, ACT_NAME_, ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_,
            REMOVAL_TIME_)
          select p.ID_ || '-' || a.n, 'lead-intake', p.PROC_DEF_ID_, p.ID_, p.ID_, p.ID_, a.id, a.name, a.type,
                 p.START_TIME_ + make_interval(secs => a.at / 1000.0),
                 p.START_TIME_ + make_interval(secs => (a.at + coalesce(a.dur, p.DURATION_ - 400)) / 1000.0),
                 coalesce(a.dur, p.DURATION_ - 400), 1, a.n, p.REMOVAL_TIME_
          from ACT_HI_PROCINST p
          join (values
            (1, 'StartEvent_LeadSubmitted', 'Lead submitted', 'startEvent', 0, 0, 'all'),
            (2, 'Task_CreateOrUpdateLead', 'Create or update lead', 'serviceTask', 50, 20, 'all'),
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

  private static void measure(String baseUrl) throws Exception {
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
    calls.put("throughput PT1H, 24 h", "/api/metrics/workflows/lead-intake/throughput?bucket=PT1H");
    calls.put("throughput PT6H, 7 d", "/api/metrics/workflows/lead-intake/throughput?bucket=PT6H&from="
        + now.minus(Duration.ofDays(7)) + "&to=" + now);
    calls.put("throughput P1D, 31 d", "/api/metrics/workflows/lead-intake/throughput?bucket=P1D&from="
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

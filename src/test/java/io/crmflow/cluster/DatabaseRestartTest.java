package io.crmflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.cluster.LeadClient.Answer;
import io.crmflow.testsupport.PostgresNodeTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped for {@link #DOWN} and started again while leads keep arriving. Every request
 * ends within a few seconds (the pool waits 3 s for a connection): accepted, or 503
 * application/problem+json with Retry-After — never a hang, never a 500. Once the server is back
 * the application serves again without a restart, and every accepted lead's intake completes.
 * Needs the suite's PostgreSQL to be a local cluster this test can stop and start with pg_ctlcluster
 * (CRMFLOW_TEST_PG_CLUSTER, default "main"; the version is the one under /etc/postgresql); skipped otherwise.
 */
@PostgresNodeTest
class DatabaseRestartTest {

  private static final Duration DOWN = Duration.ofSeconds(8);
  private static final int LEADS_PER_SECOND = 5;
  /** Hikari's connection timeout (3 s, application-postgres.yaml) plus room for a loaded CI machine. */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(8);

  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private final LeadClient client = new LeadClient();

  @Test
  void shouldAnswer503DuringARestartAndRecoverWithoutRestartingTheApplication() throws Exception {
    List<String> cluster = localCluster();
    String run = "pg-restart-" + UUID.randomUUID().toString().substring(0, 8);
    ScheduledExecutorService clients = Executors.newScheduledThreadPool(8);
    List<Future<Answer>> answers = new ArrayList<>();
    long stoppedAt;
    long startedAt;
    try {
      schedule(clients, answers, run, 0, Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().allMatch(Future::isDone));
      pgCtl(cluster, "stop", "-m", "fast");
      stoppedAt = System.nanoTime();
      try {
        schedule(clients, answers, run, answers.size(), DOWN);
        await().atMost(DOWN.plusSeconds(30)).until(() -> answers.stream().allMatch(Future::isDone));
      } finally {
        pgCtl(cluster, "start");
        startedAt = System.nanoTime();
      }
      // the same client keeps sending; the application has to find its database again by itself
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> client.submit(port, LeadClient.lead(run, 100_000), run + "-probe").status() == 202);
    } finally {
      clients.shutdownNow();
    }
    double recoverySeconds = (System.nanoTime() - startedAt) / 1e9;
    double downSeconds = (startedAt - stoppedAt) / 1e9;

    List<Answer> all = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      all.add(answer.get());
    }
    List<Answer> unavailable = all.stream().filter(answer -> answer.status() == 503).toList();
    assertThat(all).extracting(Answer::status).as("accepted or 503, never a 500 or a dropped connection")
        .containsOnly(202, 503);
    assertThat(unavailable).as("the database really was down").isNotEmpty();
    assertThat(unavailable).extracting(Answer::contentType).containsOnly("application/problem+json");
    assertThat(unavailable).extracting(Answer::body).allMatch(body -> body.contains("\"status\":503"));
    long slowest = all.stream().mapToLong(Answer::millis).max().orElseThrow();
    assertThat(slowest).as("no request hangs").isLessThan(ANSWER_BOUND.toMillis());
    assertThat(client.get(port, "/actuator/health/readiness")).isEqualTo(200);

    long accepted = all.stream().filter(answer -> answer.status() == 202).count() + 1; // + the probe
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> completedIntakes(run) == accepted);
    assertThat(jdbc.sql("select count(*) from crm_lead l join crm_contact c on c.id = l.contact_id where c.email like :pattern").param("pattern", run + ".%")
        .query(Long.class).single()).as("no lead stored for a 503").isEqualTo(accepted);
    System.out.printf("PostgreSQL restart: down %.1f s; %d requests: %d accepted, %d answered 503 problem+json "
            + "(slowest answer %d ms, bound %d ms); serving again %.1f s after the restart, without restarting the "
            + "application; all %d accepted intakes completed%n", downSeconds, all.size(), accepted - 1,
        unavailable.size(), slowest, ANSWER_BOUND.toMillis(), recoverySeconds, accepted);
  }

  private void schedule(ScheduledExecutorService clients, List<Future<Answer>> answers, String run, int first,
      Duration period) {
    int count = (int) (period.toSeconds() * LEADS_PER_SECOND);
    for (int i = 0; i < count; i++) {
      int lead = first + i;
      answers.add(clients.schedule(() -> client.submit(port, LeadClient.lead(run, lead), run + "-" + lead),
          i * 1000L / LEADS_PER_SECOND, TimeUnit.MILLISECONDS));
    }
  }

  private long completedIntakes(String run) {
    return jdbc.sql("""
            select count(*) from act_hi_procinst p join crm_lead l on l.id = p.business_key_ join crm_contact c on c.id = l.contact_id
            where p.proc_def_key_ = 'lead-intake' and p.end_time_ is not null and c.email like :pattern""")
        .param("pattern", run + ".%").query(Long.class).single();
  }

  /** [version, cluster] of the suite's server when it is a local cluster pg_ctlcluster can restart. */
  private static List<String> localCluster() throws IOException {
    String host = Objects.requireNonNullElse(System.getenv("CRMFLOW_TEST_PG_HOST"), "127.0.0.1");
    assumeThat(host).as("PostgreSQL on this machine").isIn("127.0.0.1", "localhost", "");
    Path etc = Path.of("/etc/postgresql");
    assumeThat(new File("/usr/bin/pg_ctlcluster")).as("pg_ctlcluster installed").exists();
    assumeThat(etc).isDirectory();
    String version;
    try (var versions = Files.list(etc)) {
      version = versions.map(path -> path.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
    String cluster = Objects.requireNonNullElse(System.getenv("CRMFLOW_TEST_PG_CLUSTER"), "main");
    return List.of(version, cluster);
  }

  private static void pgCtl(List<String> cluster, String... action) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster.get(0),
        cluster.get(1)));
    command.addAll(List.of(action));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pg_ctlcluster %s", String.join(" ", action)).isTrue();
    assertThat(process.exitValue()).as("pg_ctlcluster %s: %s", String.join(" ", action), output).isZero();
  }
}

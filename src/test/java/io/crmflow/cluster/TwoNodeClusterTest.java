package io.crmflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.CrmflowApplication;
import io.crmflow.assignment.TeamRotation;
import io.crmflow.testsupport.PostgresTestDatabase;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two crmflow instances — separate Spring contexts, each with its own job executor — on one
 * PostgreSQL database form a Camunda cluster. 500 leads posted to both over HTTP: every intake
 * completes and every welcome email is sent exactly once (at the SMTP server and in the message log).
 * Runs in the PostgreSQL suite only (mvn verify -Ppostgres): H2 in memory cannot be shared.
 */
@EnabledIfSystemProperty(named = "crmflow.test.postgres", matches = "true")
class TwoNodeClusterTest {

  private static final int LEADS = 500;
  private static final String AUTH = "Basic "
      + Base64.getEncoder().encodeToString("webform:webform".getBytes(StandardCharsets.UTF_8));

  private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    TestSmtp.purge();
    // a database of their own: the suite's other Spring contexts share the suite's database, and
    // their job executors would take (and be counted out of) this cluster's jobs
    String database = PostgresTestDatabase.createSeparateDatabase();
    // one after the other: the second finds the schema, deployment and users the first created
    for (String node : List.of("nodeA", "nodeB")) {
      nodes.add(new SpringApplicationBuilder(CrmflowApplication.class).profiles("test", "postgres")
          .run("--server.port=0", "--spring.datasource.url=" + database, "--camunda.bpm.process-engine-name=" + node,
              "--camunda.bpm.job-execution.lock-owner=" + node,
              // the job counts are the intakes': inside the nightly window (22:00-06:00) the history cleanup
              // job would run on these nodes too and be counted with them
              "--camunda.bpm.generic-properties.properties.historyCleanupEnabled=false",
              // the Camunda webapps keep per-JVM static state: more webapps would break the API tests' one
              "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
    }
  }

  @AfterAll
  static void stopNodes() {
    nodes.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void shouldCompleteEveryIntakeAndSendEveryWelcomeEmailExactlyOnce() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService clients = Executors.newFixedThreadPool(10);
    List<Future<Integer>> answers = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < LEADS; i++) {
      int port = ((WebServerApplicationContext) nodes.get(i % 2)).getWebServer().getPort();
      String body = """
          {"name": "Cluster Lead %d", "email": "cluster.%s.%d@example.org", "source": "website"}"""
          .formatted(i, run, i);
      answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
              .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", AUTH)
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode()));
    }
    for (Future<Integer> answer : answers) {
      assertThat(answer.get()).isEqualTo(202);
    }
    clients.shutdown();
    double acceptSeconds = (System.nanoTime() - started) / 1e9;

    JdbcClient jdbc = nodes.get(0).getBean(JdbcClient.class);
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.sql("""
            select count(*) from act_hi_procinst p join crm_lead l on l.id = p.business_key_ join crm_contact c on c.id = l.contact_id
            where p.proc_def_key_ = 'lead-intake' and p.end_time_ is not null and c.email like :pattern""")
        .param("pattern", "cluster." + run + ".%").query(Long.class).single() == LEADS);
    double doneSeconds = (System.nanoTime() - started) / 1e9;

    Map<String, Long> mailsPerAddress = Arrays.stream(TestSmtp.server().getReceivedMessages())
        .flatMap(TwoNodeClusterTest::recipients)
        .filter(address -> address.contains("cluster." + run + "."))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(mailsPerAddress).as("every lead got its welcome email").hasSize(LEADS);
    assertThat(mailsPerAddress.values()).as("exactly once").containsOnly(1L);

    List<Map<String, Object>> log = jdbc.sql("""
            select m.status, m.attempts from crm_message m join crm_lead l on l.id = m.record_id join crm_contact c on c.id = l.contact_id
            where m.template = 'welcome' and c.email like :pattern""")
        .param("pattern", "cluster." + run + ".%").query().listOfRows();
    assertThat(log).hasSize(LEADS);
    assertThat(log).extracting(row -> row.get("status")).containsOnly("SENT");
    assertThat(log).extracting(row -> ((Number) row.get("attempts")).intValue())
        .as("no sending job ran twice").containsOnly(1);
    List<Long> jobsPerNode = nodes.stream().map(TwoNodeClusterTest::successfulJobs).toList();
    assertThat(jobsPerNode).as("both job executors took their share").allMatch(jobs -> jobs > 0);
    assertThat(jobsPerNode.stream().mapToLong(Long::longValue).sum())
        .as("2 jobs per intake (score; welcome email and route), none run twice").isEqualTo(2L * LEADS);
    System.out.printf("Cluster: %d leads accepted by 2 nodes in %.1f s; all intakes complete after %.1f s; "
        + "%d welcome emails, each once; jobs executed per node %s%n", LEADS, acceptSeconds, doneSeconds,
        mailsPerAddress.size(), jobsPerNode);
  }

  /**
   * Issue 14: two instances assigning at once share one rotation. 200 assignments over 4 reps, from 8
   * threads on both nodes: every rep gets 50 ± 1, as the team's row lock makes the turns one sequence.
   */
  @Test
  void shouldShareTwoHundredConcurrentAssignmentsFromBothNodesFairly() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String team = "cluster-team-" + run;
    IdentityService identity = nodes.get(0).getBean(IdentityService.class);
    identity.saveGroup(identity.newGroup(team));
    // user ids: letters and digits only
    List<String> reps = List.of("repa" + run, "repb" + run, "repc" + run, "repd" + run);
    for (String rep : reps) {
      User user = identity.newUser(rep);
      user.setEmail(rep + "@crmflow.example");
      identity.saveUser(user);
      identity.createMembership(rep, team);
    }

    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<String>> owners = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      TeamRotation rotation = nodes.get(i % 2).getBean(TeamRotation.class);
      owners.add(threads.submit(() -> rotation.next(team, user -> true).orElseThrow()));
    }
    Map<String, Long> perRep = new java.util.HashMap<>();
    for (Future<String> owner : owners) {
      perRep.merge(owner.get(), 1L, Long::sum);
    }
    threads.shutdown();

    assertThat(perRep).containsOnlyKeys(reps);
    assertThat(perRep.values()).allSatisfy(count -> assertThat(count).isBetween(49L, 51L));
    System.out.printf("Cluster: 200 concurrent assignments from 2 nodes over 4 reps: %s%n", perRep);
  }

  /** Jobs this node's executor completed (the engine's in-memory meter, not yet reported to the database). */
  private static long successfulJobs(ConfigurableApplicationContext node) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class)
        .getProcessEngineConfiguration();
    return configuration.getMetricsRegistry().getDbMeterByName(Metrics.JOB_SUCCESSFUL).get();
  }

  private static java.util.stream.Stream<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Address::toString);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

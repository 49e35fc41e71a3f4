package io.crmflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.CrmflowApplication;
import io.crmflow.cluster.LeadClient.Answer;
import io.crmflow.testsupport.PostgresNodeTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance killed with SIGKILL while 200 leads are in flight. The victim is a JVM of its own on
 * the suite's database; this test's Spring context is the surviving instance of the cluster.
 * Clients whose request got no answer send it again, with the same Idempotency-Key, to the
 * survivor. Afterwards every lead exists once and its intake has completed; jobs the victim had
 * locked run on the survivor once their lock expires. A welcome email can only be repeated when the
 * victim died between the SMTP server accepting it and the commit: the test counts such duplicates.
 */
@PostgresNodeTest
class CrashRecoveryTest {

  private static final int LEADS = 200;
  private static final int LEADS_PER_SECOND = 10;
  /** The kill comes once this many leads were accepted (the rest are in flight or not yet sent) … */
  private static final int KILL_AFTER_ACCEPTED = 100;
  /** … and the victim's job executor is busy sending welcome emails. */
  private static final int MAILED_BEFORE_KILL = 5;
  /** The victim's job threads (application.yaml): at most this many emails can be cut off after SMTP accepted them. */
  private static final int VICTIM_JOB_THREADS = 2;
  /** camunda.bpm.job-execution.lock-time-in-millis of application.yaml, which the victim runs with. */
  private static final int PRODUCTION_LOCK_TIME_SECONDS = 90;

  @Autowired JdbcClient jdbc;
  @Autowired ProcessEngine processEngine;
  @LocalServerPort int survivorPort;

  private final LeadClient client = new LeadClient();

  @Test
  void shouldCompleteEveryLeadOfAnInstanceKilledMidFlightOnTheSurvivor() throws Exception {
    String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    int victimPort = freePort();
    Path victimLog = Path.of("target", "crash-victim.log");
    Process victim = startVictim(victimPort, victimLog);
    ScheduledExecutorService clients = Executors.newScheduledThreadPool(8);
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
        assertThat(victim.isAlive()).as("victim running; see %s", victimLog).isTrue();
        return client.get(victimPort, "/actuator/health/readiness") == 200;
      });

      // the survivor's job executor waits: until the kill, every job is the victim's to lock and run
      survivorJobExecutor().shutdown();
      CountDownLatch enoughAccepted = new CountDownLatch(KILL_AFTER_ACCEPTED);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        int lead = i;
        answers.add(clients.schedule(() -> {
          Answer answer = client.submit(victimPort, LeadClient.lead(run, lead), run + "-" + lead);
          if (answer.status() == 202) {
            enoughAccepted.countDown();
          }
          return answer;
        }, i * 1000L / LEADS_PER_SECOND, TimeUnit.MILLISECONDS));
      }
      assertThat(enoughAccepted.await(2, TimeUnit.MINUTES)).as("victim accepted %d leads", KILL_AFTER_ACCEPTED)
          .isTrue();
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
          .until(() -> welcomeEmailsPerAddress(run).size() >= MAILED_BEFORE_KILL);

      victim.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful end of running jobs
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long killedAt = System.nanoTime();
      // the survivor's executor is off: every lock still held is the dead victim's
      long lockedByVictim = jdbc.sql("select count(*) from act_ru_job where lock_exp_time_ is not null")
          .query(Long.class).single();
      long completedBeforeKill = completedIntakes(run);
      survivorJobExecutor().start();
      long mailedBeforeKill = welcomeEmailsPerAddress(run).values().stream().mapToLong(Long::longValue).sum();

      int acceptedByVictim = 0;
      int resent = 0;
      List<String> leadIds = new ArrayList<>();
      for (int i = 0; i < LEADS; i++) {
        Answer answer = answers.get(i).get(1, TimeUnit.MINUTES);
        if (answer.status() == 202) {
          acceptedByVictim++;
        } else {
          assertThat(answer.status()).as("no answer from the killed instance: %s", answer.body()).isEqualTo(-1);
          resent++;
          answer = client.submit(survivorPort, LeadClient.lead(run, i), run + "-" + i);
          assertThat(answer.status()).as("resent to the survivor: %s", answer.body()).isEqualTo(202);
        }
        leadIds.add(answer.leadId());
      }
      assertThat(leadIds).doesNotContainNull().doesNotHaveDuplicates().hasSize(LEADS);

      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
          .until(() -> completedIntakes(run) == LEADS);
      double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;
      assertThat(recoverySeconds).as("the dead instance's work finishes within 120 s (issue 16 item 4)")
          .isLessThan(120);

      assertThat(jdbc.sql("select count(*) from crm_lead l join crm_contact c on c.id = l.contact_id where c.email like :pattern").param("pattern", run + ".%")
          .query(Long.class).single()).as("every lead stored once").isEqualTo(LEADS);
      assertThat(jdbc.sql("""
              select count(*) from act_hi_procinst p join crm_lead l on l.id = p.business_key_ join crm_contact c on c.id = l.contact_id
              where p.proc_def_key_ = 'lead-intake' and c.email like :pattern""").param("pattern", run + ".%")
          .query(Long.class).single()).as("one intake per lead").isEqualTo(LEADS);
      assertThat(jdbc.sql("""
              select count(*) from act_hi_incident i join act_hi_procinst p on p.proc_inst_id_ = i.proc_inst_id_
              join crm_lead l on l.id = p.business_key_ join crm_contact c on c.id = l.contact_id where c.email like :pattern""").param("pattern", run + ".%")
          .query(Long.class).single()).as("no incidents").isZero();
      List<Map<String, Object>> log = jdbc.sql("""
              select m.status from crm_message m join crm_lead l on l.id = m.record_id join crm_contact c on c.id = l.contact_id
              where m.template = 'welcome' and c.email like :pattern""").param("pattern", run + ".%").query().listOfRows();
      assertThat(log).hasSize(LEADS).extracting(row -> row.get("status")).containsOnly("SENT");

      Map<String, Long> mails = welcomeEmailsPerAddress(run);
      long duplicates = mails.values().stream().mapToLong(count -> count - 1).sum();
      assertThat(mails).as("every lead got its welcome email").hasSize(LEADS);
      assertThat(duplicates).as("only a send cut off between SMTP accept and commit repeats")
          .isLessThanOrEqualTo(VICTIM_JOB_THREADS);
      mails.entrySet().stream().filter(mail -> mail.getValue() > 1).forEach(repeated ->
          assertThat(messageIdsTo(repeated.getKey())).as("a repeated email is recognisably the same message")
              .hasSize(1));
      System.out.printf("Crash: victim accepted %d of %d leads before SIGKILL (%d requests cut off, resent to the "
              + "survivor with their Idempotency-Key); it held %d job locks, had sent %d welcome emails and completed %d intakes; "
              + "the survivor completed all %d intakes %.1f s after the kill (the victim's job lock time %d s); "
              + "welcome emails: %d addresses, %d duplicate(s)%n", acceptedByVictim, LEADS, resent, lockedByVictim,
          mailedBeforeKill, completedBeforeKill, LEADS, recoverySeconds, PRODUCTION_LOCK_TIME_SECONDS, mails.size(),
          duplicates);
    } finally {
      clients.shutdownNow();
      victim.destroyForcibly();
      if (!survivorJobExecutor().isActive()) {
        survivorJobExecutor().start();
      }
    }
  }

  /** The victim: the application in a JVM of its own, on this suite's database and SMTP server. */
  private static Process startVictim(int port, Path log) throws IOException {
    // no empty entry: it would put the working directory on the classpath, and its models would be deployed twice
    String classpath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .split(File.pathSeparator)).filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dcrmflow.test.smtp-port=" + TestSmtp.PORT,
        "-cp", classpath, CrmflowApplication.class.getName(),
        "--spring.profiles.active=test,postgres",
        "--server.port=" + port,
        "--spring.datasource.url=" + System.getProperty("spring.datasource.url"),
        "--spring.datasource.username=" + System.getProperty("spring.datasource.username"),
        "--spring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
        "--camunda.bpm.process-engine-name=victim",
        // the production lock time (application.yaml): how long the dead victim's jobs stay locked
        "--camunda.bpm.job-execution.lock-owner=victim");
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(log.getParent().toFile()).start();
  }

  private JobExecutor survivorJobExecutor() {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getJobExecutor();
  }

  private long completedIntakes(String run) {
    return jdbc.sql("""
            select count(*) from act_hi_procinst p join crm_lead l on l.id = p.business_key_ join crm_contact c on c.id = l.contact_id
            where p.proc_def_key_ = 'lead-intake' and p.end_time_ is not null and c.email like :pattern""")
        .param("pattern", run + ".%").query(Long.class).single();
  }

  static Map<String, Long> welcomeEmailsPerAddress(String run) {
    return Arrays.stream(TestSmtp.server().getReceivedMessages())
        .flatMap(CrashRecoveryTest::recipients)
        .filter(address -> address.contains(run + "."))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static Set<String> messageIdsTo(String address) {
    return Arrays.stream(TestSmtp.server().getReceivedMessages())
        .filter(message -> recipients(message).anyMatch(address::equals))
        .map(message -> {
          try {
            return message.getMessageID();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .collect(Collectors.toSet());
  }

  private static Stream<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Address::toString);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

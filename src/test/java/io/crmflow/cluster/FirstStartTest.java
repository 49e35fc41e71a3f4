package io.crmflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmflow.CrmflowApplication;
import io.crmflow.testsupport.PostgresTestDatabase;
import io.crmflow.testsupport.TestSmtp;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 16 item 15: two instances started at the same moment on an empty PostgreSQL database (as
 * docker compose starts them) both come up, and set up the schema, groups and admin once. Before, they
 * raced on creating Camunda's schema and crmflow's groups, and one of them failed to start.
 * PostgreSQL suite only.
 */
class FirstStartTest {

  @Test
  void shouldStartTwoInstancesAtOnceOnAnEmptyDatabase() throws Exception {
    assumeTrue(Boolean.getBoolean("crmflow.test.postgres"), "PostgreSQL suite only");
    String url = PostgresTestDatabase.createSeparateDatabase();
    List<Process> nodes = new ArrayList<>();
    List<Integer> ports = List.of(freePort(), freePort());
    try {
      for (int i = 0; i < ports.size(); i++) {
        nodes.add(start(url, ports.get(i), Path.of("target", "first-start", "node-" + i + ".log")));
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        assertThat(nodes).as("no instance may die starting").allMatch(Process::isAlive);
        return ports.stream().allMatch(port -> ready(http, port));
      });

      JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url,
          System.getProperty("spring.datasource.username"), System.getProperty("spring.datasource.password", "")));
      assertThat(jdbc.sql("select count(*) from act_id_user where id_ = 'admin'").query(Long.class).single())
          .isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from act_id_group where id_ = 'sales'").query(Long.class).single())
          .isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from act_re_procdef where key_ = 'lead-intake'").query(Long.class).single())
          .as("the models deployed once").isEqualTo(1);
    } finally {
      nodes.forEach(Process::destroyForcibly);
    }
  }

  private static boolean ready(HttpClient http, int port) {
    try {
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && health.body().contains("UP");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Process start(String url, int port, Path log) throws IOException {
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
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + System.getProperty("spring.datasource.username"),
        "--spring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
        "--camunda.bpm.job-execution.enabled=false");
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(log.getParent().toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

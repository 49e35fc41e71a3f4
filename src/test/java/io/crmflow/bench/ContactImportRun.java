package io.crmflow.bench;

import com.jayway.jsonpath.JsonPath;
import io.crmflow.CrmflowApplication;
import java.lang.management.ManagementFactory;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Times the CSV import of contacts ({@code POST /api/contacts/import}) over HTTP: a file of N new people
 * is dry-run, imported (every row creates a contact), and imported again (every row updates one). Prints
 * wall time, rows per second and the application's CPU time per row for each pass. crmflow runs in this
 * JVM (test profile, job executor off) on an in-memory H2 or, with "postgres", on a PostgreSQL database
 * of its own (crmflow_import on 127.0.0.1:5432 as postgres; CRMFLOW_TEST_PG_* as for the PostgreSQL
 * suite), dropped afterwards.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.crmflow.bench.ContactImportRun -Dexec.args="10000 h2"
 * </pre>
 */
public final class ContactImportRun {

  private static final String DATABASE = "crmflow_import";

  /** One pass over the file: what the import reported and what it took. */
  public record Pass(String name, int created, int updated, int rejected, double seconds, double cpuMillisPerRow) {

    double rowsPerSecond(int rows) {
      return rows / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean postgres = args.length > 1 && "postgres".equals(args[1]);
    String host = env("CRMFLOW_TEST_PG_HOST", "127.0.0.1");
    String port = env("CRMFLOW_TEST_PG_PORT", "5432");
    String user = env("CRMFLOW_TEST_PG_USER", "postgres");
    String password = env("CRMFLOW_TEST_PG_PASSWORD", "");
    String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.process-engine-name=import", "--crmflow.test.smtp-port=0"));
    if (postgres) {
      admin(adminUrl, user, password, "drop database if exists " + DATABASE + " with (force)");
      admin(adminUrl, user, password, "create database " + DATABASE);
      arguments.addAll(List.of("--spring.datasource.url=jdbc:postgresql://" + host + ":" + port + "/" + DATABASE,
          "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
    }
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmflowApplication.class)
        .profiles(postgres ? new String[] {"test", "postgres"} : new String[] {"test"})
        .run(arguments.toArray(String[]::new));
    try {
      int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      List<Pass> passes = importTwice("http://localhost:" + httpPort, "admin", "admin", rows);
      System.out.printf("CSV import of %d rows on %s (%s, %d cores)%n", rows, postgres ? "PostgreSQL" : "H2",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
      System.out.println("| pass | created | updated | rejected | seconds | rows/s | app CPU ms/row |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (Pass pass : passes) {
        System.out.printf("| %s | %d | %d | %d | %.1f | %.0f | %.2f |%n", pass.name(), pass.created(), pass.updated(),
            pass.rejected(), pass.seconds(), pass.rowsPerSecond(rows), pass.cpuMillisPerRow());
      }
    } finally {
      app.close();
      if (postgres) {
        admin(adminUrl, user, password, "drop database if exists " + DATABASE + " with (force)");
      }
    }
  }

  /** A dry run, the import that creates every row's contact, and the same file again, which updates them all. */
  public static List<Pass> importTwice(String baseUrl, String user, String password, int rows) throws Exception {
    byte[] file = file(rows);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Pass> passes = new ArrayList<>();
    passes.add(post(http, baseUrl, user, password, file, "dry run", "?dryRun=true", rows));
    passes.add(post(http, baseUrl, user, password, file, "import (new people)", "", rows));
    passes.add(post(http, baseUrl, user, password, file, "import again (known people)", "", rows));
    return passes;
  }

  private static Pass post(HttpClient http, String baseUrl, String user, String password, byte[] file, String name,
      String query, int rows) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/contacts/import" + query))
        .timeout(Duration.ofMinutes(5))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
        .build();
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuMillisPerRow = (processCpuNanos() - cpuBefore) / 1e6 / rows;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " " + response.body());
    }
    var report = JsonPath.parse(response.body());
    return new Pass(name, report.read("$.created", Integer.class), report.read("$.updated", Integer.class),
        report.read("$.rejected.length()", Integer.class), seconds, cpuMillisPerRow);
  }

  /** N different people with every column filled, as a CRM export would have them. */
  static byte[] file(int rows) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String[] sources = {"referral", "webinar", "event", "website", "other"};
    StringBuilder csv = new StringBuilder(rows * 120)
        .append("name,email,phone,company,companySize,budget,source,locale,marketingConsent\r\n");
    for (int i = 0; i < rows; i++) {
      csv.append("Person ").append(i).append(",import.").append(run).append('.').append(i).append("@example.org,")
          .append("+1202555").append(String.format("%04d", i % 10_000)).append(",\"Company ").append(i % 997)
          .append(", Inc.\",").append(10 + i % 5000).append(',').append(1000 * (i % 200)).append(',')
          .append(sources[i % sources.length]).append(',').append(i % 10 == 0 ? "zh-CN" : "en").append(',')
          .append(i % 2 == 0).append("\r\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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

  private ContactImportRun() {
  }
}

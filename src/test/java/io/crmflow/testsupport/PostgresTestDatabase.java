package io.crmflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL suite ({@code mvn verify -Ppostgres}): before any test of this JVM runs, creates a
 * database of its own on the server (default 127.0.0.1:5432, user postgres; override with
 * CRMFLOW_TEST_PG_HOST, _PORT, _USER, _PASSWORD) and points every Spring context at it; drops it at
 * the end. Without {@code -Dcrmflow.test.postgres=true} it does nothing and the tests use H2.
 */
public class PostgresTestDatabase implements LauncherSessionListener {

  private static final List<String> separateDatabases = new CopyOnWriteArrayList<>();
  private static String adminUrl;
  private static String serverUrl;

  private String database;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean("crmflow.test.postgres")) {
      return;
    }
    String host = env("CRMFLOW_TEST_PG_HOST", "127.0.0.1");
    String port = env("CRMFLOW_TEST_PG_PORT", "5432");
    database = "crmflow_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    serverUrl = "jdbc:postgresql://" + host + ":" + port + "/";
    adminUrl = serverUrl + "postgres";
    execute("create database " + database);
    System.setProperty("spring.datasource.url", serverUrl + database);
    System.setProperty("spring.datasource.username", env("CRMFLOW_TEST_PG_USER", "postgres"));
    System.setProperty("spring.datasource.password", env("CRMFLOW_TEST_PG_PASSWORD", ""));
    System.out.println("PostgreSQL suite: database " + database + " on " + host + ":" + port);
  }

  /**
   * A further empty database, dropped with the suite's, for tests whose counts must not see the job
   * executors of the other Spring contexts in this JVM (those all share the suite's database).
   *
   * @return its JDBC URL
   */
  public static String createSeparateDatabase() {
    if (serverUrl == null) {
      throw new IllegalStateException("Not in the PostgreSQL suite");
    }
    String name = "crmflow_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name);
    separateDatabases.add(name);
    return serverUrl + name;
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (database != null) {
      execute("drop database if exists " + database + " with (force)");
    }
    separateDatabases.forEach(name -> execute("drop database if exists " + name + " with (force)"));
    separateDatabases.clear();
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl, env("CRMFLOW_TEST_PG_USER", "postgres"),
        env("CRMFLOW_TEST_PG_PASSWORD", ""));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL suite: '" + sql + "' failed: " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

package io.crmflow.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL suite ({@code mvn verify -Ppostgres}): before any test of this JVM runs, creates a
 * database of its own on the server (default 127.0.0.1:5432, user postgres; override with
 * CRMFLOW_TEST_PG_HOST, _PORT, _USER, _PASSWORD) and points every Spring context at it; drops it at
 * the end. Without {@code -Dcrmflow.test.postgres=true} it does nothing and the tests use H2.
 */
public class PostgresTestDatabase implements LauncherSessionListener {

  private String database;
  private String adminUrl;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean("crmflow.test.postgres")) {
      return;
    }
    String host = env("CRMFLOW_TEST_PG_HOST", "127.0.0.1");
    String port = env("CRMFLOW_TEST_PG_PORT", "5432");
    database = "crmflow_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    execute("create database " + database);
    System.setProperty("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
    System.setProperty("spring.datasource.username", env("CRMFLOW_TEST_PG_USER", "postgres"));
    System.setProperty("spring.datasource.password", env("CRMFLOW_TEST_PG_PASSWORD", ""));
    System.out.println("PostgreSQL suite: database " + database + " on " + host + ":" + port);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (database != null) {
      execute("drop database if exists " + database + " with (force)");
    }
  }

  private void execute(String sql) {
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

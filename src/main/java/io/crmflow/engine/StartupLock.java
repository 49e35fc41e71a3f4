package io.crmflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Instances of a cluster starting at the same moment on an empty PostgreSQL database take turns: from
 * the engine's set-up (it creates or updates Camunda's schema) until the application is ready (groups,
 * authorizations and the admin user created, models deployed), each holds a PostgreSQL advisory lock,
 * and the next waits for it. Flyway, which runs before, has a lock of its own. A node that dies holding
 * the lock loses its session, and with it the lock. H2 is one instance's own database: no lock.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin {

  /** Any number no other user of the database takes for an advisory lock: "crmflow" in ASCII. */
  static final long KEY = 0x63726d666c6f77L;
  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private Connection held;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      long started = System.nanoTime();
      // tried, not waited for: a waiting statement is an open transaction, and an index built
      // CONCURRENTLY elsewhere in the cluster would wait for it to end
      while (!tryLock(connection)) {
        Thread.sleep(200);
      }
      held = connection;
      log.info("Start-up lock taken after {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the start-up lock", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the start-up lock", e);
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
      return result.next() && result.getBoolean(1);
    }
  }

  @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void release() {
    if (held == null) {
      return;
    }
    try (Connection connection = held; Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + KEY + ")");
      log.info("Start-up lock released");
    } catch (SQLException e) {
      // closing the connection ends the session, which releases the lock as well
      log.warn("Start-up lock released by closing its connection: {}", e.getMessage());
    } finally {
      held = null;
    }
  }
}

package io.crmflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * crmflow's additions to Camunda's own tables (the metrics' history indexes; on H2 an index that keeps the
 * engine's variable lookup off a scan), as Flyway migrations in
 * {@code db/engine/{h2|postgresql}} with a history table of their own. They run once the application is
 * ready — crmflow's main migrations run before the engine has created its schema, too early for an index
 * on ACT_HI_*, and the start-up lock is released by then (an index built CONCURRENTLY waits for every
 * open transaction, including one waiting for that lock) — once per database, under Flyway's lock, so a
 * cluster's instances never build the same index twice. The engine's own schema per profile:
 * docs/operations.md.
 */
@Component
class EngineSchemaMigrations {

  static final String HISTORY_TABLE = "crm_engine_schema_history";

  private final DataSource dataSource;

  EngineSchemaMigrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .locations("classpath:db/engine/" + vendor())
        // an existing database has Camunda's tables and crmflow's: migrate it all the same
        .baselineOnMigrate(true)
        .baselineVersion("0")
        // a session lock: Flyway's default lock holds a transaction open, which CREATE INDEX CONCURRENTLY
        // would wait for — on this very instance — for ever
        .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
        .load()
        .migrate();
  }

  private String vendor() {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()) ? "postgresql" : "h2";
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell which database crmflow runs on", e);
    }
  }
}

package io.crmflow.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the workflow metrics need on Camunda's history tables, beyond the engine's own: time
 * ranges within one process key. On PostgreSQL they also carry (INCLUDE) the columns the metrics
 * read, so the database answers from the index alone instead of fetching hundreds of thousands of
 * table rows (README, Performance). Created once the engine has created or updated its schema (a
 * Flyway script could run before that), idempotently, so every start and every cluster node may try.
 */
@Component
class HistoryIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(HistoryIndexes.class);

  static final List<String> POSTGRES = List.of(
      "create index if not exists CRM_IDX_HI_PI_END_COVER on ACT_HI_PROCINST (END_TIME_)"
          + " include (PROC_DEF_KEY_, PROC_DEF_ID_, STATE_, DURATION_, END_ACT_ID_)",
      "create index if not exists CRM_IDX_HI_PI_START_COVER on ACT_HI_PROCINST (START_TIME_)"
          + " include (PROC_DEF_KEY_, PROC_DEF_ID_)",
      "create index if not exists CRM_IDX_HI_AI_KEY_END_COVER on ACT_HI_ACTINST (PROC_DEF_KEY_, END_TIME_)"
          + " include (ACT_ID_, ACT_TYPE_, DURATION_)");

  static final List<String> OTHERS = List.of(
      "create index if not exists CRM_IDX_HI_PI_KEY_END on ACT_HI_PROCINST (PROC_DEF_KEY_, END_TIME_)",
      "create index if not exists CRM_IDX_HI_PI_KEY_START on ACT_HI_PROCINST (PROC_DEF_KEY_, START_TIME_)",
      "create index if not exists CRM_IDX_HI_AI_KEY_END on ACT_HI_ACTINST (PROC_DEF_KEY_, END_TIME_)");

  private final DataSource dataSource;

  HistoryIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
          .contains("postgres");
      for (String ddl : postgres ? POSTGRES : OTHERS) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(ddl);
          if (!connection.getAutoCommit()) {
            connection.commit();
          }
        } catch (SQLException e) {
          // another cluster node creating the same index at the same moment; the metrics work without it, only slower
          log.warn("Could not create a metrics index ({}): {}", ddl, e.getMessage());
          if (!connection.getAutoCommit()) {
            connection.rollback();
          }
        }
      }
    } catch (SQLException e) {
      log.warn("Could not create the metrics indexes: {}", e.getMessage());
    }
  }
}

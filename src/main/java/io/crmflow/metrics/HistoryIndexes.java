package io.crmflow.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the workflow metrics need on Camunda's history tables, which the engine's own indexes do
 * not cover: ranges of START_TIME_/END_TIME_ within one process key. Created once the engine has
 * created or updated its schema (a Flyway script could run before that), idempotently, so every
 * start and every instance of a cluster may try.
 */
@Component
class HistoryIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(HistoryIndexes.class);

  static final List<String> INDEXES = List.of(
      "create index if not exists CRM_IDX_HI_PI_KEY_END on ACT_HI_PROCINST (PROC_DEF_KEY_, END_TIME_)",
      "create index if not exists CRM_IDX_HI_PI_KEY_START on ACT_HI_PROCINST (PROC_DEF_KEY_, START_TIME_)",
      "create index if not exists CRM_IDX_HI_AI_KEY_END on ACT_HI_ACTINST (PROC_DEF_KEY_, END_TIME_)");

  private final DataSource dataSource;

  HistoryIndexes(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    for (String ddl : INDEXES) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute(ddl);
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
      } catch (SQLException e) {
        // another cluster node creating the same index at the same moment; the metrics work without it, only slower
        log.warn("Could not create a metrics index ({}): {}", ddl, e.getMessage());
      }
    }
  }
}

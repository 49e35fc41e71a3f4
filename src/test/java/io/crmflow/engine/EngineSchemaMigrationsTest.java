package io.crmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.crmflow.engine.EngineSchemaMigrations;
import io.crmflow.testsupport.ApiTest;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 item 11: the metrics' indexes on Camunda's history tables are a Flyway migration, applied
 * once and recorded, not DDL run at every start (which took table locks on a live cluster). Before,
 * no migration history existed for them (this test failed on its first line).
 */
@ApiTest
class EngineSchemaMigrationsTest {

  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired EngineSchemaMigrations migrations;

  @Test
  void shouldHaveBuiltTheHistoryIndexesOnceByMigration() throws Exception {
    assertThat(appliedMigrations()).isEqualTo(1);
    boolean postgres = postgres();
    List<String> indexes = jdbc.sql(postgres ? "select lower(indexname) from pg_indexes"
        : "select lower(index_name) from information_schema.indexes").query(String.class).list();
    assertThat(indexes).contains(postgres
        ? new String[] {"crm_idx_hi_pi_end_cover", "crm_idx_hi_pi_start_cover", "crm_idx_hi_ai_key_end_cover"}
        : new String[] {"crm_idx_hi_pi_key_end", "crm_idx_hi_pi_key_start", "crm_idx_hi_ai_key_end"});

    migrations.migrate();

    assertThat(appliedMigrations()).as("a second start builds nothing again").isEqualTo(1);
  }

  /**
   * The engine's lookup of an execution's variables (Camunda's selectVariablesByExecutionId) on H2: by the
   * execution's index, not by TASK_ID_ IS NULL — which matched every running instance's variables, and made
   * each job slower the longer the job backlog grew. Without V2 H2 took ACT_IDX_VARIABLE_TASK_ID here.
   */
  @Test
  void shouldLookUpAnExecutionsVariablesByItsExecutionOnH2() throws Exception {
    assumeFalse(postgres(), "PostgreSQL plans by its statistics");
    String plan = jdbc.sql("""
            explain select RES.* from ACT_RU_VARIABLE RES
              left join ACT_RU_EXECUTION EXECUTION on RES.EXECUTION_ID_ = EXECUTION.ID_
            where EXECUTION_ID_ = ? and TASK_ID_ is null and NAME_ in (?, ?)""")
        .params("an-execution", "score", "rating").query(String.class).single();

    assertThat(plan).contains("CRM_IDX_VAR_EXECUTION: EXECUTION_ID_ = ?1").doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
  }

  private boolean postgres() throws Exception {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
  }

  private long appliedMigrations() {
    return jdbc.sql("select count(*) from \"" + EngineSchemaMigrations.HISTORY_TABLE
        + "\" where \"version\" = '1' and \"success\" = true").query(Long.class).single();
  }
}

package io.crmflow.web;

import java.sql.DatabaseMetaData;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Inserts that may clash with a concurrent one, whose clash the transaction survives. PostgreSQL aborts the whole
 * transaction after any error, so there the insert runs as {@code INSERT … ON CONFLICT DO NOTHING}: one statement,
 * no savepoint, and it waits for a concurrent insert of the same key to commit or roll back as a plain insert
 * does. H2 keeps its transaction after a failed statement, so there the duplicate key is caught.
 */
@Component
public class UniqueInserts {

  private final JdbcClient jdbc;
  private final boolean postgres;

  UniqueInserts(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.postgres = "PostgreSQL".equalsIgnoreCase(JdbcUtils.extractDatabaseMetaData(dataSource,
        DatabaseMetaData::getDatabaseProductName));
  }

  /**
   * Inserts the row unless one with its key is there — a concurrent request inserted it first, which is the same
   * outcome.
   *
   * @param insert an {@code INSERT … VALUES (…)} with named parameters
   * @return whether this insert added the row
   */
  public boolean insertUnlessPresent(String insert, Map<String, ?> parameters) {
    if (postgres) {
      return jdbc.sql(insert + " on conflict do nothing").params(parameters).update() == 1;
    }
    try {
      return jdbc.sql(insert).params(parameters).update() == 1;
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
  }
}

package io.crmflow.web;

import java.sql.DatabaseMetaData;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements whose failure the transaction survives. PostgreSQL aborts the whole transaction after any
 * error (H2 does not), so an insert that may clash with a concurrent one runs in a savepoint of the
 * current transaction: the clash rolls back to the savepoint and the transaction goes on.
 */
@Component
public class Savepoints {

  private final TransactionTemplate nested;
  private final JdbcClient jdbc;
  private final boolean postgres;

  Savepoints(PlatformTransactionManager transactions, JdbcClient jdbc, DataSource dataSource)
      throws MetaDataAccessException {
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.jdbc = jdbc;
    this.postgres = "PostgreSQL".equalsIgnoreCase(JdbcUtils.extractDatabaseMetaData(dataSource,
        DatabaseMetaData::getDatabaseProductName));
  }

  /**
   * Runs an insert in a savepoint; a duplicate key — a concurrent request inserted the same row first —
   * is the same outcome and is swallowed.
   *
   * @return whether this insert added the row
   */
  public boolean insertUnlessPresent(Runnable insert) {
    try {
      nested.executeWithoutResult(status -> insert.run());
      return true;
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
  }

  /**
   * As {@link #insertUnlessPresent(Runnable)} for a single {@code INSERT} statement, without the savepoint's
   * two extra round trips: on PostgreSQL it runs as {@code INSERT … ON CONFLICT DO NOTHING}, which waits for a
   * concurrent insert of the same key to commit or roll back as a plain insert does; H2 keeps its transaction
   * after a failed statement, so there the clash is caught.
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

package io.crmflow.web;

import org.springframework.dao.DuplicateKeyException;
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

  Savepoints(PlatformTransactionManager transactions) {
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
}

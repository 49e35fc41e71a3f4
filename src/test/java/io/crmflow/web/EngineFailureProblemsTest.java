package io.crmflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/**
 * What an /api caller gets when something fails: 409 for a concurrent change, 503 when the database is
 * away, 500 problem+json with a reference (and nothing of the exception) for anything else.
 */
class EngineFailureProblemsTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void shouldAnswerAnOptimisticLockingFailureWith409() {
    ResponseEntity<Object> answer = handler.handleEngineFailure(
        new ProcessEngineException("wrapped", new OptimisticLockingException("ExecutionEntity was updated by another transaction")));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(((ProblemDetail) answer.getBody()).getType()).hasToString("https://crmflow.example/problems/conflict");
  }

  @Test
  void shouldAnswerALostOrRefusedConnectionWith503AndRetryAfter() {
    for (RuntimeException outage : new RuntimeException[] {
        new ProcessEngineException("flush", new SQLException("terminating connection due to administrator command", "57P01")),
        new ProcessEngineException("query", new SQLException("Connection refused", "08001")),
        new ProcessEngineException("pool", new SQLTransientConnectionException("Connection is not available")),
        new TransactionSystemException("commit", new SQLException("An I/O error occurred", "08006")),
        rollbackFailedAfter(new SQLException("An I/O error occurred while sending to the backend", "08006"))}) {
      ResponseEntity<Object> answer = handler.handleEngineFailure(outage);
      assertThat(answer.getStatusCode()).as(outage.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }
  }

  @Test
  void shouldAnswerEveryOtherFailureWith500ProblemThatHidesTheExceptionText() {
    ProcessEngineException other = new ProcessEngineException("Unknown property used in expression",
        new SQLException("syntax error near 'jane@example.org'", "42601"));
    ResponseEntity<Object> answer = handler.handleEngineFailure(other);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    ProblemDetail problem = (ProblemDetail) answer.getBody();
    assertThat(problem.getType()).hasToString("https://crmflow.example/problems/internal-error");
    assertThat(problem.getDetail()).contains((String) problem.getProperties().get("reference"))
        .doesNotContain("jane@example.org").doesNotContain("syntax");
  }

  private static TransactionSystemException rollbackFailedAfter(Exception cause) {
    TransactionSystemException failed = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    failed.initApplicationException(cause);
    return failed;
  }
}

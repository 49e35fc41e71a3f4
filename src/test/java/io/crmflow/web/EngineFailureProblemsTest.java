package io.crmflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/** What an /api caller gets when the engine fails: 409 for a concurrent change, 503 when the database is away. */
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
        new TransactionSystemException("commit", new SQLException("An I/O error occurred", "08006"))}) {
      ResponseEntity<Object> answer = handler.handleEngineFailure(outage);
      assertThat(answer.getStatusCode()).as(outage.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }
  }

  @Test
  void shouldLeaveEveryOtherEngineFailureAFailure() {
    ProcessEngineException other = new ProcessEngineException("Unknown property used in expression",
        new SQLException("syntax error", "42601"));
    assertThatThrownBy(() -> handler.handleEngineFailure(other)).isSameAs(other);
  }
}

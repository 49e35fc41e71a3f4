package io.crmflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.crmflow.shared.DomainException;
import io.crmflow.web.ApiProblems.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure of an /api request into problem+json that names what went wrong. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
        .sorted(Comparator.comparing(FieldError::field))
        .toList();
    return problem(ApiProblems.invalidFields(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (RequestBodyLimitFilter.isBodyTooLarge(ex)) {
      Object limit = request.getAttribute(RequestBodyLimitFilter.LIMIT_ATTRIBUTE, WebRequest.SCOPE_REQUEST);
      return problem(RequestBodyLimitFilter.bodyTooLarge(limit instanceof Long bytes ? bytes : 0));
    }
    Throwable cause = ex.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return problem(ApiProblems.invalidField(fieldPath(unknown), "is not a known field"));
    }
    if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String message = cause instanceof IllegalArgumentException ? cause.getMessage() : "has the wrong type or format";
      return problem(ApiProblems.invalidField(fieldPath(mapping), message));
    }
    String detail = cause instanceof JsonProcessingException json && json.getLocation() != null
        ? "Malformed JSON at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
        : "The request body is missing or is not valid JSON";
    return problem(ApiProblems.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body", detail));
  }

  @ExceptionHandler(DomainException.class)
  ResponseEntity<Object> handleDomainFailure(DomainException ex) {
    return problem(ApiProblems.of(ex));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
    List<FieldError> errors = ex.getConstraintViolations().stream()
        .map(violation -> {
          String path = violation.getPropertyPath().toString();
          return new FieldError(path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
        })
        .sorted(Comparator.comparing(FieldError::field))
        .toList();
    return problem(ApiProblems.invalidFields(errors));
  }

  /** The database is unreachable (e.g. restarting): tell the caller to retry rather than fail. */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      CannotCreateTransactionException.class})
  ResponseEntity<Object> handleDatabaseUnavailable(Exception ex) {
    log.warn("Database unavailable: {}", ex.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(databaseUnavailable());
  }

  static ProblemDetail databaseUnavailable() {
    return ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
        "Service temporarily unavailable", "The database is not reachable right now; retry in a few seconds");
  }

  /**
   * The engine wraps what the database driver says; a lost or refused connection inside it (the
   * database restarting) is the same 503, and two requests changing the same process state at once
   * are a 409 for the loser. Anything else is an internal error.
   */
  @ExceptionHandler({ProcessEngineException.class, TransactionSystemException.class})
  ResponseEntity<Object> handleEngineFailure(RuntimeException ex) {
    if (causedBy(ex, OptimisticLockingException.class)) {
      log.info("Concurrent change answered with 409: {}", ex.getMessage());
      return problem(ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict",
          "Someone else changed this at the same moment; reload and try again"));
    }
    if (isDatabaseOutage(ex)) {
      return handleDatabaseUnavailable(ex);
    }
    return handleUnexpected(ex);
  }

  /**
   * A lost database connection, however it is wrapped, is the 503 above. Anything else is a defect,
   * not the caller's fault: 500 problem+json with a reference the log line carries too,
   * never the stack trace or the exception's text (which may quote data) in the answer.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex) {
    if (isDatabaseOutage(ex)) {
      // whatever wrapped it (Spring's JDBC translation, the engine, a commit): the database is away
      return handleDatabaseUnavailable(ex);
    }
    String reference = UUID.randomUUID().toString();
    log.error("Unexpected failure, reference {}", reference, ex);
    ProblemDetail problem = ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
        "Internal error", "The request failed on our side; quote reference " + reference + " when reporting it");
    problem.setProperty("reference", reference);
    return problem(problem);
  }

  /** A connection that could not be had or was lost: SQLSTATE class 08, or 57P0x (server shutting down or starting). */
  static boolean isDatabaseOutage(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      // a rollback that failed keeps what made it roll back (a lost connection, typically) aside, not as its cause
      if (t instanceof TransactionSystemException failed && failed.getApplicationException() != null
          && isDatabaseOutage(failed.getApplicationException())) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String fieldPath(JsonMappingException ex) {
    return ex.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static ResponseEntity<Object> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}

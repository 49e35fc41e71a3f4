package io.crmflow.web;

import io.crmflow.shared.ConflictException;
import io.crmflow.shared.DomainException;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents every /api error answers with. */
public final class ApiProblems {

  private static final String TYPE_BASE = "https://crmflow.example/problems/";

  private ApiProblems() {
  }

  public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  /** A 400 naming each offending field, so the caller knows exactly what to fix. */
  public static ProblemDetail invalidFields(List<FieldError> errors) {
    String detail = errors.stream()
        .map(error -> error.field() + ": " + error.message())
        .reduce((a, b) -> a + "; " + b)
        .orElse("The request is invalid");
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    problem.setProperty("errors", errors.stream()
        .map(error -> Map.of("field", error.field(), "message", error.message()))
        .toList());
    return problem;
  }

  public static ProblemDetail invalidField(String field, String message) {
    return invalidFields(List.of(new FieldError(field, message)));
  }

  /** The one mapping of a service's failure to HTTP: 404, 409, or 400 naming the field. */
  public static ProblemDetail of(DomainException failure) {
    if (failure instanceof NotFoundException notFound) {
      return problem(HttpStatus.NOT_FOUND, "not-found", notFound.what() + " not found", notFound.getMessage());
    }
    if (failure instanceof InvalidFieldException invalid) {
      return invalidField(invalid.field(), invalid.reason());
    }
    return problem(HttpStatus.CONFLICT, "conflict", "Conflict", ((ConflictException) failure).getMessage());
  }

  public record FieldError(String field, String message) {
  }
}

package io.crmflow.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An expected failure of an /api request, answered as problem+json with its status. */
public class ApiException extends ErrorResponseException {

  public ApiException(ProblemDetail problem) {
    super(HttpStatus.valueOf(problem.getStatus()), problem, null);
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found",
        what + " not found", "No " + what.toLowerCase() + " with id " + id));
  }

  public static ApiException conflict(String detail) {
    return new ApiException(ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict", detail));
  }

  public static ApiException invalidField(String field, String message) {
    return new ApiException(ApiProblems.invalidField(field, message));
  }
}

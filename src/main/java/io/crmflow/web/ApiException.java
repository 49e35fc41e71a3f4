package io.crmflow.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure only HTTP has (a reused idempotency key, a body too large): answered as problem+json with
 * its status. What services report is a {@link io.crmflow.shared.DomainException}.
 */
public class ApiException extends ErrorResponseException {

  public ApiException(ProblemDetail problem) {
    super(HttpStatus.valueOf(problem.getStatus()), problem, null);
  }
}

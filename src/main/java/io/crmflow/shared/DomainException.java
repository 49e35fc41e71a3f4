package io.crmflow.shared;

/**
 * A failure a service reports to whoever called it — a REST request, a workspace page or a job. Each
 * caller turns it into its own answer: problem+json for /api and an error page for /app (both in
 * {@code web.ApiProblems}), a retry and then an incident for a job.
 */
public abstract sealed class DomainException extends RuntimeException
    permits NotFoundException, ConflictException, InvalidFieldException {

  DomainException(String message) {
    super(message);
  }
}

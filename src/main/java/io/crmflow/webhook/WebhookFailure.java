package io.crmflow.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * An endpoint could not take the delivery now (429, 5xx, timeout, no connection): the step's job fails and is
 * retried on its retry cycle, not before the endpoint's {@code Retry-After} ({@link RetryAfterJobRetries}).
 */
class WebhookFailure extends RuntimeException {

  private final transient Duration retryAfter;

  WebhookFailure(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The webhook failure among the causes of a job's failure, if it is one. */
  static Optional<WebhookFailure> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebhookFailure webhookFailure) {
        return Optional.of(webhookFailure);
      }
    }
    return Optional.empty();
  }
}

package io.crmflow.messaging;

/**
 * A temporary delivery failure; the job retries. Its message is redacted and it carries no cause:
 * Camunda stores the message and stack trace of a failed job (job table, byte arrays, job log) and
 * logs them, and the provider's error text often quotes the recipient's address or number.
 */
public class MessageDeliveryFailed extends RuntimeException {

  public MessageDeliveryFailed(String message) {
    super(message, null, false, true);
  }
}

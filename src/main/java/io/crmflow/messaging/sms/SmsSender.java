package io.crmflow.messaging.sms;

/**
 * Hands a text message to the SMS provider configured under {@code crmflow.sms.provider}.
 * Callers run in a job: an {@link SmsTemporaryFailure} is left to the job's retries, an
 * {@link SmsPermanentFailure} must not be retried.
 */
public interface SmsSender {

  /**
   * @throws SmsTemporaryFailure the provider could not be reached, timed out, throttled (429) or failed (5xx)
   * @throws SmsPermanentFailure the provider rejected the message (4xx other than 429)
   */
  SmsReceipt send(SmsMessage message);
}

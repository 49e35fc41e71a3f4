package io.crmflow.messaging.sms;

/** The message may go through later: connection error, timeout, HTTP 429 or 5xx. Retry the job. */
public class SmsTemporaryFailure extends RuntimeException {

  public SmsTemporaryFailure(String message) {
    super(message);
  }

  public SmsTemporaryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.crmflow.messaging.sms;

/**
 * The provider rejected the message (HTTP 4xx other than 429: bad number, bad credentials, unverified
 * sender…). Sending it again gives the same answer, so it is never retried.
 */
public class SmsPermanentFailure extends RuntimeException {

  public SmsPermanentFailure(String message) {
    super(message);
  }
}

package io.crmflow.messaging.sms;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One text message to send. {@code idempotencyKey} identifies the send attempt across job retries, so a
 * provider that honours it never delivers the message twice.
 *
 * @param to the recipient in E.164 ({@code +49301234567}), see {@link io.crmflow.contact.PhoneNumbers#toE164}
 */
public record SmsMessage(String to, String body, String idempotencyKey) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

  public SmsMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (!E164.matcher(to).matches()) {
      // the number itself stays out of the message: exceptions end up in logs and Cockpit incidents
      throw new IllegalArgumentException("SMS " + idempotencyKey + ": 'to' must be in E.164 format");
    }
    if (idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey must not be blank");
    }
  }

  /** Without number and text: both are personal data and must not reach logs. */
  @Override
  public String toString() {
    return "SmsMessage[idempotencyKey=" + idempotencyKey + "]";
  }
}

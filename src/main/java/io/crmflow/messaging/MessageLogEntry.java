package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import java.time.Instant;

/**
 * One row of the message log.
 *
 * @param providerMessageId the SMS provider's id of a sent SMS (Twilio's {@code MessageSid}), by which its
 *     delivery reports find it; null for email
 */
public record MessageLogEntry(
    String id,
    String messageKey,
    String messageId,
    String providerMessageId,
    Channel channel,
    String template,
    MessageCategory category,
    ContactLocale locale,
    String recipientKind,
    String recipient,
    String recipientName,
    String contactId,
    String recordType,
    String recordId,
    String processInstanceId,
    String activityId,
    MessageStatus status,
    int attempts,
    String detail,
    Instant deferredUntil,
    Instant createdAt,
    Instant updatedAt,
    Instant sentAt) {

  /** Whether it went to the contact of its record (not to a member of staff). */
  public boolean toContact() {
    return SendMessageDelegate.RECIPIENT_CONTACT.equals(recipientKind);
  }
}

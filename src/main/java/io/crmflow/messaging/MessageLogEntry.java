package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import java.time.Instant;

/** One row of the message log. */
public record MessageLogEntry(
    String id,
    String messageKey,
    String messageId,
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
}

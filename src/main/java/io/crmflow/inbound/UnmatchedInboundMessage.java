package io.crmflow.inbound;

import java.time.Instant;

/**
 * An inbound message crmflow could not put on a record, kept for administrators.
 *
 * @param from      the sender as the provider gave it (E.164 for a phone)
 * @param contactId the contact with the sender's number, when there is one (it had no open case or lead)
 * @param reason    {@code unknown-number}, {@code no-open-record} or {@code not-a-phone-number}
 */
public record UnmatchedInboundMessage(String id, String provider, String eventId, String from, String to, String body,
                                      String contactId, String reason, Instant receivedAt) {
}

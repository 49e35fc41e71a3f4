package io.crmflow.inbound;

/**
 * What a provider webhook answers about the event it delivered.
 *
 * @param eventId   the event's id as crmflow keeps it (a status callback's: MessageSid:status)
 * @param outcome   what became of it: delivered, undelivered, failed, already-…, unknown-message, ignored
 * @param duplicate the event was handled before; this call changed nothing
 */
public record InboundEventReceipt(String eventId, String outcome, boolean duplicate) {
}

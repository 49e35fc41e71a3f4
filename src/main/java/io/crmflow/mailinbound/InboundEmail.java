package io.crmflow.mailinbound;

import java.time.Instant;

/**
 * An email that came back to one of crmflow's reply addresses, as {@code GET /api/quotes/{id}/email-replies} and
 * {@code GET /api/inbound/email/unmatched} show it.
 *
 * @param outcome         what it became
 * @param unmatchedReason why it reached no record (UNMATCHED only)
 * @param recordType      the record it answered: lead, case or quote
 * @param recordTaskId    for a reply to a quote: the owner's task to read it ({@code /api/quotes/{id}/tasks/{id}})
 * @param sender          the envelope sender: who the provider says sent it (not what matched it)
 * @param text            what they wrote, without the quoted message where the provider could tell
 */
public record InboundEmail(String id, Outcome outcome, String unmatchedReason, String recordType, String recordId,
    String recordTaskId, String sender, String subject, String text, Instant receivedAt) {

  public enum Outcome {
    /** A reply to a nurture email: the lead replied, the sequence ends. */
    LEAD_REPLY,
    /** A reply to a case email: a reply on the case, which reopens it when resolved or waiting. */
    CASE_REPLY,
    /** A reply to a quote email: kept here, and a task for the quote's owner to read it. */
    QUOTE_REPLY,
    /** No record awaits it (unknown or forged address, a closed case, a reply to staff mail): for admins. */
    UNMATCHED
  }
}

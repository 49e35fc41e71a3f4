package io.crmflow.contact;

/**
 * A capability whose records reference contacts (leads, opportunities, quotes, cases, messages).
 * When two contacts are merged, each moves its records from the duplicate to the survivor and keeps
 * its own invariants (never two nurture sequences, every suppression kept). All run in the merge's
 * transaction, with both contact rows locked, before the duplicate is deleted.
 */
public interface ContactMergeParticipant {

  void merge(String survivorId, String duplicateId);
}

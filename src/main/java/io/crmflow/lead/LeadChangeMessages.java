package io.crmflow.lead;

import io.crmflow.process.RecordChange;

/** The record-change messages a lead publishes ({@link RecordChange}): {@code Lead.StatusChanged} etc. */
public final class LeadChangeMessages {

  /** Variable {@code status} holds the new status. */
  public static final String STATUS_CHANGED = "StatusChanged";
  /** A PATCH changed fields; variable {@code changedFields}: their names, comma-separated. */
  public static final String UPDATED = "Updated";
  /** Variable {@code owner}: the new owner's user id (absent when the owner was removed). */
  public static final String OWNER_CHANGED = "OwnerChanged";
  /** The scoring facts changed and the lead-scoring decision ran again; variables {@code score}, {@code rating}. */
  public static final String RESCORED = "Rescored";
  /** The lead answered; variable {@code channel}. */
  public static final String REPLIED = "Replied";

  private LeadChangeMessages() {
  }
}

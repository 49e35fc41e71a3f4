package io.crmflow.supportcase;

import io.crmflow.process.RecordChange;

/** The record-change messages a case publishes ({@link RecordChange}): {@code Case.StatusChanged} etc. */
public final class CaseChangeMessages {

  /** Variable {@code status} holds the new status. */
  public static final String STATUS_CHANGED = "StatusChanged";
  /** Support answered the case; variable {@code caseNumber}. */
  public static final String RESOLVED = "Resolved";
  /** A customer's reply reopened a resolved case (or one waiting for the customer). */
  public static final String REOPENED = "Reopened";

  private CaseChangeMessages() {
  }
}

package io.crmflow.lead;

import io.crmflow.workflow.RecordChange;

/** The record-change messages a lead publishes ({@link RecordChange}): {@code Lead.StatusChanged} etc. */
public final class LeadRecord {

  public static final String ENTITY = "Lead";
  /** Variable {@code status} holds the new status. */
  public static final String STATUS_CHANGED = "StatusChanged";

  private LeadRecord() {
  }
}

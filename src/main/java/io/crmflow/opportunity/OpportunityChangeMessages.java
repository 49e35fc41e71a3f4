package io.crmflow.opportunity;

import io.crmflow.process.RecordChange;

/**
 * The record-change messages an opportunity publishes ({@link RecordChange}): {@code Opportunity.Won},
 * {@code Opportunity.Lost} and {@code Opportunity.StatusChanged}; variable {@code status} holds the new
 * status, {@code owner} the owner's user id.
 */
public final class OpportunityChangeMessages {

  public static final String WON = "Won";
  public static final String LOST = "Lost";
  public static final String STATUS_CHANGED = "StatusChanged";

  private OpportunityChangeMessages() {
  }
}

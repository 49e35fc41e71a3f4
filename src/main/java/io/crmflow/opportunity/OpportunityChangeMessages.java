package io.crmflow.opportunity;

import io.crmflow.process.RecordChange;

/**
 * The record-change messages an opportunity publishes ({@link RecordChange}): {@code Opportunity.Opened},
 * {@code Opportunity.QuoteCreated}, {@code Opportunity.Won}, {@code Opportunity.Lost} and
 * {@code Opportunity.StatusChanged}; variable {@code status} holds the new status, {@code owner} the owner's
 * user id, {@code quoteId} the new quote's id.
 */
public final class OpportunityChangeMessages {

  /** A qualified lead became this opportunity (variables status OPEN, owner). */
  public static final String OPENED = "Opened";
  /** A salesperson quoted the opportunity (variables quoteId, owner = the opportunity's owner). */
  public static final String QUOTE_CREATED = "QuoteCreated";
  public static final String WON = "Won";
  public static final String LOST = "Lost";
  public static final String STATUS_CHANGED = "StatusChanged";

  private OpportunityChangeMessages() {
  }
}

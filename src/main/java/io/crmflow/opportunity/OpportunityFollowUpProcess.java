package io.crmflow.opportunity;

import io.crmflow.process.ProcessVariable;

/**
 * The opportunity-follow-up process (bpmn/opportunity-follow-up.bpmn): started by the record change
 * {@code Opportunity.Opened} (business key = opportunity id), it gives the owner a "Follow up" task that ends
 * by itself on {@code Opportunity.QuoteCreated}, {@code Opportunity.Won} or {@code Opportunity.Lost}.
 */
public final class OpportunityFollowUpProcess {

  public static final String KEY = "opportunity-follow-up";

  public static final String START_OPPORTUNITY_OPENED = "StartEvent_OpportunityOpened";
  public static final String TASK_FOLLOW_UP = "Task_FollowUp";
  public static final String EVENT_QUOTE_CREATED = "Boundary_QuoteCreated";
  public static final String EVENT_OPPORTUNITY_WON = "Boundary_OpportunityWon";
  public static final String EVENT_OPPORTUNITY_LOST = "Boundary_OpportunityLost";
  public static final String END_FOLLOWED_UP = "EndEvent_FollowedUp";
  public static final String END_QUOTE_CREATED = "EndEvent_QuoteCreated";
  public static final String END_OPPORTUNITY_WON = "EndEvent_OpportunityWon";
  public static final String END_OPPORTUNITY_LOST = "EndEvent_OpportunityLost";

  /** The form of "Follow up" (bpmn/forms/follow-up-opportunity.form). */
  public static final String FORM = "follow-up-opportunity";

  /** The opportunity's owner (a user id), set by {@code Opportunity.Opened}: the task's assignee. */
  public static final ProcessVariable<String> OWNER = ProcessVariable.of("owner", String.class);
  /** What the follow-up came to, from the form: {@code contacted} or {@code unreachable}. No free text. */
  public static final ProcessVariable<String> OUTCOME = ProcessVariable.of("followUpOutcome", String.class);

  private OpportunityFollowUpProcess() {
  }
}

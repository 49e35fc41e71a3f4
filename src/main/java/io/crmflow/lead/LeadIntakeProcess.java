package io.crmflow.lead;

import io.crmflow.process.ProcessVariable;

/**
 * The lead-intake process (bpmn/lead-intake.bpmn): its key, the element ids code and tests
 * refer to, and its variables. Variables hold ids and routing facts only, never personal data.
 */
public final class LeadIntakeProcess {

  public static final String KEY = "lead-intake";
  public static final String DECISION_LEAD_SCORING = "lead-scoring";
  public static final String RATING_HOT = "hot";

  /** Starts an intake at the review for a lead re-scored hot (message start event "Lead re-scored hot"). */
  public static final String MESSAGE_REVIEW_REQUESTED = "LeadReviewRequested";
  public static final String START_LEAD_RESCORED_HOT = "StartEvent_LeadRescoredHot";

  public static final String TASK_READ_SCORING_FACTS = "Task_CreateOrUpdateLead";
  public static final String TASK_SCORE_LEAD = "Task_ScoreLead";
  public static final String TASK_RECORD_SCORE = "Task_RecordScore";
  public static final String GATEWAY_WELCOME_DUE = "Gateway_WelcomeDue";
  public static final String TASK_SEND_WELCOME_EMAIL = "Task_SendWelcomeEmail";
  public static final String TASK_MARK_LEAD_IN_REVIEW = "Task_MarkLeadInReview";
  public static final String TASK_READ_ROUTING_FACTS = "Task_ReadRoutingFacts";
  public static final String TASK_ROUTE_LEAD = "Task_RouteLead";
  public static final String TASK_ASSIGN_OWNER = "Task_AssignOwner";
  public static final String TASK_NOTIFY_LEAD_OWNER = "Task_NotifyLeadOwner";
  public static final String TASK_NOTIFY_TEAM_UNASSIGNED = "Task_NotifyTeamUnassigned";
  public static final String TASK_REVIEW_LEAD = "Task_ReviewLead";
  public static final String TIMER_REVIEW_OVERDUE = "Timer_ReviewOverdue";
  public static final String TASK_NOTIFY_SALES_MANAGERS = "Task_NotifySalesManagers";
  public static final String TASK_MARK_LEAD_QUALIFIED = "Task_MarkLeadQualified";
  public static final String TASK_CREATE_OPPORTUNITY = "Task_CreateOpportunity";
  public static final String TASK_NOTIFY_OPPORTUNITY_OWNER = "Task_NotifyOpportunityOwner";
  public static final String TASK_DISQUALIFY_LEAD = "Task_DisqualifyLead";
  public static final String TASK_MOVE_LEAD_TO_NURTURING = "Task_MoveLeadToNurturing";
  public static final String END_LEAD_QUALIFIED = "EndEvent_LeadQualified";
  public static final String END_LEAD_DISQUALIFIED = "EndEvent_LeadDisqualified";
  public static final String END_LEAD_NURTURING = "EndEvent_LeadNurturing";
  public static final String END_NURTURE_REQUESTED = "EndEvent_NurtureRequested";
  public static final String END_REVIEW_ESCALATED = "EndEvent_ReviewEscalated";

  /** The lead the instance works on; also its business key. */
  public static final ProcessVariable<String> LEAD_ID = ProcessVariable.of("leadId", String.class);

  /**
   * Whether this intake sends the welcome email (gateway "Welcome due?"): a contact is welcomed at
   * most once per {@code crmflow.leads.welcome-interval}, claimed when the intake starts and kept with the lead;
   * "Read scoring facts" hands it over as a transient variable (the gateway follows in the same job). Instances
   * started by an earlier release hold it as a variable.
   */
  public static final ProcessVariable<Boolean> WELCOME_DUE = ProcessVariable.of("welcomeDue", Boolean.class);

  /**
   * Inputs of the lead-scoring decision, copied from the lead by "Read scoring facts" as transient
   * variables: "Score lead" runs in the same job, so they never reach the database.
   */
  public static final ProcessVariable<String> SOURCE = ProcessVariable.of("source", String.class);
  public static final ProcessVariable<Integer> COMPANY_SIZE = ProcessVariable.of("companySize", Integer.class);
  public static final ProcessVariable<Double> BUDGET = ProcessVariable.of("budget", Double.class);
  /** Whether the lead agreed to marketing email: warm and cold leads with consent get the nurture sequence. */
  public static final ProcessVariable<Boolean> MARKETING_CONSENT = ProcessVariable.of("marketingConsent",
      Boolean.class);

  /**
   * Inputs of the lead-routing decision besides source and company size, set by "Read routing facts" as
   * transient variables for "Route lead" in the same transaction.
   */
  public static final ProcessVariable<String> COUNTRY = ProcessVariable.of("country", String.class);
  public static final ProcessVariable<String> LOCALE = ProcessVariable.of("locale", String.class);
  /** Output of the lead-routing decision: the Camunda group that reviews the lead ("Review lead"'s candidates). */
  public static final ProcessVariable<String> TEAM = ProcessVariable.of("team", String.class);

  /**
   * The salesperson "Assign owner" chose (round robin in the team), who is "Review lead"'s assignee; null
   * when nobody in the team was free.
   */
  public static final ProcessVariable<String> OWNER = ProcessVariable.of("owner", String.class);

  /** Outputs of the lead-scoring decision. */
  public static final ProcessVariable<Integer> SCORE = ProcessVariable.of("score", Integer.class);
  public static final ProcessVariable<String> RATING = ProcessVariable.of("rating", String.class);

  /** Set by the "Review lead" form. */
  public static final ProcessVariable<Boolean> QUALIFIED = ProcessVariable.of("qualified", Boolean.class);
  /** Free text: moved into crm_lead.review_note when the review completes, never kept as a variable. */
  public static final ProcessVariable<String> REVIEW_NOTE = ProcessVariable.of("reviewNote", String.class);

  /** The user id of the salesperson who reviewed the lead; owns the opportunity. */
  public static final ProcessVariable<String> REVIEWER = ProcessVariable.of("reviewer", String.class);

  /** Set by "Create opportunity". */
  public static final ProcessVariable<String> OPPORTUNITY_ID = ProcessVariable.of("opportunityId", String.class);

  private LeadIntakeProcess() {
  }
}

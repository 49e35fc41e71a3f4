package io.crmflow.lead;

import io.crmflow.process.ProcessVariable;

/**
 * The lead-nurture process (bpmn/lead-nurture.bpmn): follow-up emails on timers until the lead
 * replies, unsubscribes, is re-scored hot, is moved out of nurturing, or the sequence ends (COLD).
 * Business key and variable {@code leadId}: the lead. Variables hold ids and routing facts only.
 */
public final class LeadNurtureProcess {

  public static final String KEY = "lead-nurture";

  /** Starts the process (message start event); sent by lead-intake's "Nurture requested" end event. */
  public static final String MESSAGE_NURTURE_REQUESTED = "LeadNurtureRequested";
  /** The lead answered: {@code POST /api/leads/{id}/replies}. */
  public static final String MESSAGE_LEAD_REPLIED = "LeadReplied";
  /** A PATCH made the lead hot: the sequence ends and lead-intake reviews the lead. */
  public static final String MESSAGE_LEAD_RESCORED_HOT = "LeadRescoredHot";
  /** A PATCH moved the lead out of NURTURING. */
  public static final String MESSAGE_NURTURE_STOPPED = "LeadNurtureStopped";

  public static final String START_NURTURE_REQUESTED = "StartEvent_NurtureRequested";
  public static final String TIMER_FOLLOW_UP_1_DUE = "Timer_FollowUp1Due";
  public static final String TIMER_FOLLOW_UP_2_DUE = "Timer_FollowUp2Due";
  public static final String TIMER_FOLLOW_UP_3_DUE = "Timer_FollowUp3Due";
  public static final String TIMER_REPLY_WINDOW_OVER = "Timer_ReplyWindowOver";
  public static final String TASK_SEND_FOLLOW_UP_1 = "Task_SendFollowUp1";
  public static final String TASK_SEND_FOLLOW_UP_2 = "Task_SendFollowUp2";
  public static final String TASK_SEND_FOLLOW_UP_3 = "Task_SendFollowUp3";
  public static final String TASK_MARK_LEAD_COLD = "Task_MarkLeadCold";
  public static final String END_SEQUENCE_ENDED = "EndEvent_SequenceEnded";
  public static final String TASK_END_ON_REPLY = "Task_EndNurtureOnReply";
  public static final String END_LEAD_REPLIED = "EndEvent_NurtureEndedByReply";
  public static final String TASK_END_ON_UNSUBSCRIBE = "Task_EndNurtureOnUnsubscribe";
  public static final String END_CONTACT_UNSUBSCRIBED = "EndEvent_NurtureEndedByUnsubscribe";
  public static final String TASK_END_ON_RESCORED_HOT = "Task_EndNurtureOnRescoredHot";
  public static final String END_HANDED_TO_REVIEW = "EndEvent_HandedToReview";
  public static final String TASK_END_ON_STOP = "Task_EndNurtureOnStop";
  public static final String END_NURTURE_STOPPED = "EndEvent_NurtureStopped";

  /** The lead; also the business key. The same variable as lead-intake's, so the send task finds the contact. */
  public static final ProcessVariable<String> LEAD_ID = LeadIntakeProcess.LEAD_ID;
  /** Why the sequence ended ({@link NurtureExitReason} name). */
  public static final ProcessVariable<String> EXIT_REASON = ProcessVariable.of("exitReason", String.class);
  /** How the lead replied (email, phone…), set by the LeadReplied message; never the reply's text. */
  public static final ProcessVariable<String> REPLY_CHANNEL = ProcessVariable.of("replyChannel", String.class);

  private LeadNurtureProcess() {
  }
}

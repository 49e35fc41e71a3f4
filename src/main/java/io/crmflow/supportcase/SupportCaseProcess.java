package io.crmflow.supportcase;

import io.crmflow.process.ProcessVariable;

/**
 * The support-case process (bpmn/support-case.bpmn): its key, the element ids code and tests
 * refer to, and its variables. Variables hold ids and routing facts only: the customer's
 * address, subject, description, the resolution text and replies stay in crm_case.
 */
public final class SupportCaseProcess {

  public static final String KEY = "support-case";

  public static final String START_CASE_RECEIVED = "StartEvent_CaseReceived";
  public static final String TASK_SEND_CASE_RECEIVED_EMAIL = "Task_SendCaseReceivedEmail";
  public static final String EVENT_CASE_RECEIVED_EMAIL_UNDELIVERABLE = "Event_CaseReceivedEmailUndeliverable";
  public static final String TASK_TRIAGE_CASE = "Task_TriageCase";
  public static final String TASK_RECORD_TRIAGE = "Task_RecordTriage";
  public static final String TASK_APPROVE_REFUND = "Task_ApproveRefund";
  public static final String TASK_PAY_REFUND = "Task_PayRefund";
  public static final String EVENT_REFUND_FAILED = "Event_RefundFailed";
  public static final String TASK_NOTIFY_REFUND_FAILED = "Task_NotifyRefundFailed";
  public static final String TASK_REJECT_REFUND = "Task_RejectRefund";
  public static final String TASK_MARK_CASE_IN_PROGRESS = "Task_MarkCaseInProgress";
  public static final String TASK_HANDLE_CASE = "Task_HandleCase";
  public static final String TIMER_CASE_OVERDUE = "Timer_CaseOverdue";
  public static final String TASK_OFFER_CASE_TO_SUPPORT_LEADS = "Task_OfferCaseToSupportLeads";
  public static final String TASK_NOTIFY_SUPPORT_LEADS = "Task_NotifySupportLeads";
  public static final String END_CASE_ESCALATED = "EndEvent_CaseEscalated";
  public static final String TASK_SEND_RESOLUTION_EMAIL = "Task_SendResolutionEmail";
  public static final String EVENT_RESOLUTION_EMAIL_UNDELIVERABLE = "Event_ResolutionEmailUndeliverable";
  public static final String TASK_MARK_CASE_RESOLVED = "Task_MarkCaseResolved";
  public static final String TASK_SEND_WAITING_EMAIL = "Task_SendWaitingForCustomerEmail";
  public static final String EVENT_WAITING_EMAIL_UNDELIVERABLE = "Event_WaitingEmailUndeliverable";
  public static final String TASK_MARK_WAITING_FOR_CUSTOMER = "Task_MarkWaitingForCustomer";
  public static final String GATEWAY_AWAIT_REPLY = "Gateway_AwaitReply";
  public static final String MESSAGE_REPLY_RECEIVED = "Event_CaseReplyReceived";
  public static final String TIMER_NO_REPLY = "Timer_NoReply";
  public static final String TASK_REOPEN_CASE = "Task_ReopenCase";
  public static final String TASK_CLOSE_CASE = "Task_CloseCase";
  public static final String END_CASE_CLOSED = "EndEvent_CaseClosed";

  /** The BPMN message a customer's reply is delivered as (business key = case id). */
  public static final String MESSAGE_CASE_REPLY_RECEIVED = "CaseReplyReceived";
  /** BPMN error code of a refund the payment gateway refused for good. */
  public static final String ERROR_REFUND_FAILED = "RefundFailed";

  /** The case the instance works on; also its business key. */
  public static final ProcessVariable<String> CASE_ID = ProcessVariable.of("caseId", String.class);
  public static final ProcessVariable<String> CASE_NUMBER = ProcessVariable.of("caseNumber", String.class);

  /** Inputs of the case-triage decision: the category and keyword facts, computed from the text in Java. */
  public static final ProcessVariable<String> CATEGORY = ProcessVariable.of("category", String.class);
  public static final ProcessVariable<Boolean> MENTIONS_OUTAGE = ProcessVariable.of("mentionsOutage", Boolean.class);
  public static final ProcessVariable<Boolean> MENTIONS_LEGAL = ProcessVariable.of("mentionsLegal", Boolean.class);
  public static final ProcessVariable<Boolean> MENTIONS_REFUND = ProcessVariable.of("mentionsRefund", Boolean.class);

  /** Outputs of the case-triage decision; dueIn is an ISO-8601 duration (PT4H, P1D…). */
  public static final ProcessVariable<String> PRIORITY = ProcessVariable.of("priority", String.class);
  public static final ProcessVariable<String> TEAM = ProcessVariable.of("team", String.class);
  public static final ProcessVariable<String> DUE_IN = ProcessVariable.of("dueIn", String.class);

  /** Refund routing facts, set at the start. */
  public static final ProcessVariable<Boolean> REFUND_REQUESTED = ProcessVariable.of("refundRequested", Boolean.class);
  public static final ProcessVariable<Double> REFUND_AMOUNT = ProcessVariable.of("refundAmount", Double.class);
  public static final ProcessVariable<Boolean> REFUND_AUTO_APPROVED =
      ProcessVariable.of("refundAutoApproved", Boolean.class);

  /** Set by the "Approve refund" form. */
  public static final ProcessVariable<Boolean> REFUND_APPROVED = ProcessVariable.of("refundApproved", Boolean.class);

  /** Set by the "Handle case" form: {@link #OUTCOME_RESOLVED} or {@link #OUTCOME_WAITING_FOR_CUSTOMER}. */
  public static final ProcessVariable<String> OUTCOME = ProcessVariable.of("outcome", String.class);
  public static final String OUTCOME_RESOLVED = "resolved";
  public static final String OUTCOME_WAITING_FOR_CUSTOMER = "waitingForCustomer";

  /**
   * The "Handle case" form's text for the customer. It arrives as a form variable; the task's
   * complete listener moves it into crm_case and blanks the variable, so neither the runtime nor
   * the history tables keep it.
   */
  public static final ProcessVariable<String> RESOLUTION = ProcessVariable.of("resolution", String.class);

  private SupportCaseProcess() {
  }
}

package io.crmflow.quote;

import io.crmflow.process.ProcessVariable;
import java.util.Date;

/**
 * The quote-approval process (bpmn/quote-approval.bpmn) and its decision
 * (bpmn/quote-approval.dmn): key, element ids, messages and variables. Variables hold ids and
 * routing facts only; the quote itself (lines, prices, reasons) lives in crm_quote.
 */
public final class QuoteApprovalProcess {

  public static final String KEY = "quote-approval";
  public static final String DECISION_KEY = "quote-approval-level";

  public static final String START_QUOTE_REQUESTED = "StartEvent_QuoteRequested";
  public static final String TASK_DETERMINE_APPROVAL_LEVEL = "Task_DetermineApprovalLevel";
  public static final String TASK_APPROVE_BY_MANAGER = "Task_ApproveQuoteByManager";
  public static final String TASK_APPROVE_BY_DIRECTOR = "Task_ApproveQuoteByDirector";
  public static final String TASK_REJECT_QUOTE = "Task_RejectQuote";
  public static final String TASK_SEND_REJECTION = "Task_NotifyOwnerOfRejection";
  public static final String TASK_SEND_QUOTE = "Task_SendQuote";
  public static final String TASK_MARK_QUOTE_SENT = "Task_MarkQuoteSent";
  public static final String EVENT_QUOTE_EMAIL_UNDELIVERABLE = "Event_QuoteEmailUndeliverable";
  public static final String TASK_WITHDRAW_UNDELIVERABLE_QUOTE = "Task_WithdrawUndeliverableQuote";
  public static final String TASK_NOTIFY_OWNER_OF_UNDELIVERABLE_QUOTE = "Task_NotifyOwnerOfUndeliverableQuote";
  public static final String GATEWAY_CUSTOMER_ANSWER = "Gateway_CustomerAnswer";
  public static final String EVENT_QUOTE_ACCEPTED = "Event_QuoteAccepted";
  public static final String EVENT_QUOTE_DECLINED = "Event_QuoteDeclined";
  public static final String TIMER_QUOTE_EXPIRED = "Timer_QuoteExpired";
  public static final String TASK_ACCEPT_QUOTE = "Task_AcceptQuote";
  public static final String TASK_ISSUE_COUPON = "Task_IssueCoupon";
  public static final String TASK_SEND_COUPON = "Task_SendCoupon";
  public static final String TASK_DECLINE_QUOTE = "Task_DeclineQuote";
  public static final String TASK_EXPIRE_QUOTE = "Task_ExpireQuote";
  public static final String END_QUOTE_REJECTED = "EndEvent_QuoteRejected";
  public static final String END_QUOTE_ACCEPTED = "EndEvent_QuoteAccepted";
  public static final String END_QUOTE_DECLINED = "EndEvent_QuoteDeclined";
  public static final String END_QUOTE_EXPIRED = "EndEvent_QuoteExpired";
  public static final String END_QUOTE_UNDELIVERABLE = "EndEvent_QuoteUndeliverable";

  // since version 1.2.0: the reminder while the customer has not answered
  public static final String SUBPROCESS_REMIND_CUSTOMER = "SubProcess_RemindCustomer";
  public static final String GATEWAY_REMINDER_POSSIBLE = "Gateway_ReminderPossible";
  public static final String TIMER_QUOTE_REMINDER_DUE = "Timer_QuoteReminderDue";
  public static final String TASK_SEND_QUOTE_REMINDER = "Task_SendQuoteReminder";
  public static final String EVENT_QUOTE_REMINDER_UNDELIVERABLE = "Event_QuoteReminderUndeliverable";
  public static final String TASK_FOLLOW_UP_QUOTE = "Task_FollowUpQuote";
  public static final String END_QUOTE_FOLLOWED_UP = "EndEvent_QuoteFollowedUp";
  public static final String END_NO_TIME_FOR_REMINDER = "EndEvent_NoTimeForReminder";
  public static final String BOUNDARY_ACCEPTED_WHILE_REMINDING = "Boundary_QuoteAcceptedWhileReminding";
  public static final String BOUNDARY_DECLINED_WHILE_REMINDING = "Boundary_QuoteDeclinedWhileReminding";
  public static final String BOUNDARY_EXPIRED_WHILE_REMINDING = "Boundary_QuoteExpiredWhileReminding";
  /** The form of "Follow up quote" (bpmn/forms/follow-up-quote.form). */
  public static final String FORM_FOLLOW_UP_QUOTE = "follow-up-quote";

  /** Correlated by POST /api/quotes/{id}/acceptance, business key = quote id. */
  public static final String MESSAGE_QUOTE_ACCEPTED = "QuoteAccepted";
  public static final String MESSAGE_QUOTE_DECLINED = "QuoteDeclined";

  public static final String LEVEL_AUTOMATIC = "automatic";
  public static final String LEVEL_MANAGER = "manager";
  public static final String LEVEL_DIRECTOR = "director";

  /** The quote the instance works on; also its business key. */
  public static final ProcessVariable<String> QUOTE_ID = ProcessVariable.of("quoteId", String.class);
  public static final ProcessVariable<String> OPPORTUNITY_ID = ProcessVariable.of("opportunityId", String.class);
  /** Same name as lead intake's leadId: the lead is the contact the quote and coupon emails go to. */
  public static final ProcessVariable<String> LEAD_ID = ProcessVariable.of("leadId", String.class);
  /** The user id of the salesperson who created the quote: told when it is rejected. */
  public static final ProcessVariable<String> QUOTE_OWNER = ProcessVariable.of("quoteOwner", String.class);
  /** The user id of the opportunity's owner: assignee of "Follow up quote" (set since version 1.2.0). */
  public static final ProcessVariable<String> OPPORTUNITY_OWNER = ProcessVariable.of("opportunityOwner", String.class);

  /** Routing facts and what the approval form shows. */
  public static final ProcessVariable<Double> DISCOUNT_PERCENT = ProcessVariable.of("discountPercent", Double.class);
  public static final ProcessVariable<Double> TOTAL = ProcessVariable.of("total", Double.class);
  public static final ProcessVariable<Integer> ITEM_COUNT = ProcessVariable.of("itemCount", Integer.class);
  /** A plain-text list of the line items (products, quantities, prices; no personal data) for the form. */
  public static final ProcessVariable<String> ITEM_SUMMARY = ProcessVariable.of("itemSummary", String.class);
  /** Days the quote is valid once sent; null means crmflow.quotes.validity. */
  public static final ProcessVariable<Integer> VALIDITY_DAYS = ProcessVariable.of("validityDays", Integer.class);

  /**
   * When the sent quote expires (now + validityDays or crmflow.quotes.validity), set by "Mark quote
   * sent"; the "Quote expired" timer fires then.
   */
  public static final ProcessVariable<Date> VALID_UNTIL = ProcessVariable.of("validUntil", Date.class);

  /**
   * When the customer is reminded: validUntil - crmflow.quotes.reminder-before, set by "Mark quote sent"; null
   * when there is no time for a reminder (gateway "Time for a reminder?"), read by the "Reminder due" timer.
   */
  public static final ProcessVariable<Date> REMINDER_AT = ProcessVariable.of("reminderAt", Date.class);

  /** What the owner's follow-up came to, from the "Follow up quote" form: reached or unreachable. No free text. */
  public static final ProcessVariable<String> FOLLOW_UP_OUTCOME = ProcessVariable.of("followUpOutcome", String.class);

  /** Output of the quote-approval-level decision: automatic, manager or director. */
  public static final ProcessVariable<String> APPROVAL_LEVEL = ProcessVariable.of("approvalLevel", String.class);

  /** Set by the "Approve quote" forms. */
  public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.of("approved", Boolean.class);
  /** The rejection reason typed in the form; moved to crm_quote and removed from the instance on completion. */
  public static final ProcessVariable<String> REASON = ProcessVariable.of("reason", String.class);

  private QuoteApprovalProcess() {
  }
}

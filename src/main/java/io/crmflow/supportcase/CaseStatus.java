package io.crmflow.supportcase;

/** Where a support case stands. */
public enum CaseStatus {
  /** Received, being triaged (and its refund decided). */
  OPEN,
  /** Offered to or worked on by support. */
  IN_PROGRESS,
  /** Support asked the customer something and waits for the answer. */
  WAITING_FOR_CUSTOMER,
  /** Support answered; the customer may still reply and reopen it. */
  RESOLVED,
  /** No reply within the waiting period: final; replies are refused. */
  CLOSED
}

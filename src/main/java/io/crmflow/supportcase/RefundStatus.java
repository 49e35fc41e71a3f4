package io.crmflow.supportcase;

/** What became of the refund a case asks for. */
public enum RefundStatus {
  /** Waiting for approval or for the payment gateway. */
  REQUESTED,
  /** Paid out by the payment gateway. */
  PAID,
  /** A support lead refused it. */
  REJECTED,
  /** The payment gateway refused it for good. */
  FAILED
}

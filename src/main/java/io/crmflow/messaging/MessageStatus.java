package io.crmflow.messaging;

public enum MessageStatus {
  /** Recorded, being sent (or retried after a temporary failure). */
  QUEUED,
  SENT,
  /** Not sent: no consent or the address is on the suppression list. */
  SUPPRESSED,
  /** Over the marketing frequency cap: sent at {@code deferredUntil}. */
  DEFERRED,
  /** Permanently undeliverable (e.g. mailbox does not exist). */
  FAILED
}

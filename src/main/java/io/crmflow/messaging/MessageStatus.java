package io.crmflow.messaging;

public enum MessageStatus {
  /** Recorded, being sent (or retried after a temporary failure). */
  QUEUED,
  SENT,
  /** The SMS provider reported the message delivered to the handset (Twilio status callback). */
  DELIVERED,
  /** The SMS provider reported the carrier could not deliver it (Twilio {@code undelivered}). */
  UNDELIVERED,
  /** Not sent: no consent or the address is on the suppression list. */
  SUPPRESSED,
  /** Over the marketing frequency cap: sent at {@code deferredUntil}. */
  DEFERRED,
  /** Permanently undeliverable (e.g. mailbox does not exist), or the SMS provider reported it failed. */
  FAILED
}

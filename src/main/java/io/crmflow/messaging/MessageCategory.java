package io.crmflow.messaging;

/** Transactional messages (welcome, quote, case reply) always go out; marketing needs consent and is capped. */
public enum MessageCategory {
  TRANSACTIONAL, MARKETING
}

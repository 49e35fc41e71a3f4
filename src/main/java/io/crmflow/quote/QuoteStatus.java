package io.crmflow.quote;

import java.util.EnumSet;
import java.util.Set;

public enum QuoteStatus {
  DRAFT, IN_APPROVAL, REJECTED, SENT, ACCEPTED, DECLINED, EXPIRED;

  /** A quote in these states blocks a new quote for the same opportunity. */
  static final Set<QuoteStatus> ACTIVE = EnumSet.of(IN_APPROVAL, SENT);

  boolean isActive() {
    return ACTIVE.contains(this);
  }
}

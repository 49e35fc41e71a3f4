package io.crmflow.lead;

import io.crmflow.messaging.ContactLocale;
import java.math.BigDecimal;
import java.time.Instant;

/** A prospective customer as crmflow stores it. */
public record Lead(
    String id,
    String name,
    String email,
    String phone,
    String company,
    Integer companySize,
    BigDecimal budget,
    LeadSource source,
    ContactLocale locale,
    boolean marketingConsent,
    LeadStatus status,
    Integer score,
    String rating,
    boolean emailInvalid,
    String processInstanceId,
    String owner,
    NurtureExitReason nurtureExitReason,
    Instant createdAt,
    Instant updatedAt,
    Instant lastActivityAt,
    Instant statusChangedAt) {

  /** The address used to recognise a returning contact. */
  static String normalizeEmail(String email) {
    return email.trim().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.crmflow.lead;

import io.crmflow.contact.ContactLocale;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A prospective deal with a person, as crmflow stores it. The person's details (name, address,
 * phone, company, locale, consents) are their contact's, read with the lead.
 */
public record Lead(
    String id,
    String contactId,
    String name,
    String email,
    String phone,
    String company,
    Integer companySize,
    BigDecimal budget,
    LeadSource source,
    String country,
    ContactLocale locale,
    boolean marketingConsent,
    boolean smsConsent,
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

  /** A lead in one of these is still being worked: a new submission of its person merges into it. */
  public boolean isOpen() {
    return status == LeadStatus.NEW || status == LeadStatus.IN_REVIEW || status == LeadStatus.NURTURING;
  }
}

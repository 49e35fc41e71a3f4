package io.crmflow.contact;

import java.time.Instant;

/**
 * One person, whatever crmflow holds about them: their leads, opportunities, quotes, cases and
 * messages all reference this row. Personal data lives here and nowhere in the engine.
 *
 * @param email            the address the person first gave (every address: {@link ContactService#addresses})
 * @param marketingConsent marketing email may be sent
 * @param smsConsent       marketing SMS may be sent (a consent of its own)
 * @param emailInvalid     the address bounced for good
 * @param welcomedAt       when the last welcome email was claimed
 * @param erasedAt         when the person's data was erased (the row stays, anonymised)
 */
public record Contact(
    String id,
    String email,
    String name,
    String phone,
    String company,
    ContactLocale locale,
    boolean marketingConsent,
    boolean smsConsent,
    boolean emailInvalid,
    LifecycleStage lifecycleStage,
    Instant opportunitySince,
    Instant customerSince,
    Instant welcomedAt,
    Instant erasedAt,
    Instant createdAt,
    Instant updatedAt) {

  public boolean erased() {
    return erasedAt != null;
  }
}

package io.crmflow.lead;

import io.crmflow.messaging.ContactLocale;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.workflow.ProcessTimeline;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/leads/{id}}: the lead, its score and status, and what its workflows did. */
record LeadView(
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
    Instant createdAt,
    Instant updatedAt,
    List<ProcessTimeline.Step> timeline,
    List<MessageLogEntry> messages) {

  static LeadView of(Lead lead, List<ProcessTimeline.Step> timeline, List<MessageLogEntry> messages) {
    return new LeadView(lead.id(), lead.name(), lead.email(), lead.phone(), lead.company(), lead.companySize(),
        lead.budget(), lead.source(), lead.locale(), lead.marketingConsent(), lead.status(), lead.score(),
        lead.rating(), lead.emailInvalid(), lead.processInstanceId(), lead.createdAt(), lead.updatedAt(), timeline, messages);
  }
}

package io.crmflow.supportcase;

import java.math.BigDecimal;
import java.time.Instant;

/** A case as lists show it: who, what, how urgent, where it stands — without its texts. */
public record CaseSummary(String id, String caseNumber, String contactId, String customerEmail, String customerName,
                          String subject, CaseCategory category, String priority, String team, CaseStatus status,
                          BigDecimal refundAmount, RefundStatus refundStatus, Instant createdAt, Instant updatedAt) {

  static CaseSummary of(SupportCase supportCase) {
    return new CaseSummary(supportCase.id(), supportCase.caseNumber(), supportCase.contactId(),
        supportCase.customerEmail(), supportCase.customerName(), supportCase.subject(), supportCase.category(),
        supportCase.priority(), supportCase.team(), supportCase.status(), supportCase.refundAmount(),
        supportCase.refundStatus(), supportCase.createdAt(), supportCase.updatedAt());
  }
}

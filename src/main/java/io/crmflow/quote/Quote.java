package io.crmflow.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An offer to the customer of an opportunity. {@code total} = {@code subtotal} − {@code discountAmount},
 * the discount rounded half-up to the cent.
 */
public record Quote(String id, String opportunityId, String leadId, String contactId, String owner,
                    QuoteStatus status,
                    List<QuoteLine> lineItems, BigDecimal subtotal, BigDecimal discountPercent,
                    BigDecimal discountAmount, BigDecimal total, Integer validityDays, Instant validUntil,
                    String rejectionReason, String rejectedBy, String processInstanceId, Instant createdAt,
                    Instant updatedAt) {

  public Quote {
    lineItems = List.copyOf(lineItems);
  }

  Quote withLines(List<QuoteLine> lines) {
    return new Quote(id, opportunityId, leadId, contactId, owner, status, lines, subtotal, discountPercent, discountAmount,
        total, validityDays, validUntil, rejectionReason, rejectedBy, processInstanceId, createdAt, updatedAt);
  }
}

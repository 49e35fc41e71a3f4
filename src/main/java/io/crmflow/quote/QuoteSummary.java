package io.crmflow.quote;

import java.math.BigDecimal;
import java.time.Instant;

/** A quote as lists show it: for whom, how much, where it stands — without its lines. */
public record QuoteSummary(String id, String opportunityId, String contactId, String name, String company,
                           String owner, QuoteStatus status, BigDecimal subtotal, BigDecimal discountPercent,
                           BigDecimal total, Instant validUntil, Instant createdAt) {
}

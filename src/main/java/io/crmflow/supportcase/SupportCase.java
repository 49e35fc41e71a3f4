package io.crmflow.supportcase;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer's support case as crmflow stores it; the customer's address and name are their contact's. */
public record SupportCase(
    String id,
    String caseNumber,
    String contactId,
    String customerEmail,
    String customerName,
    String subject,
    String description,
    CaseCategory category,
    String orderReference,
    BigDecimal refundAmount,
    String priority,
    String team,
    CaseStatus status,
    String resolution,
    RefundStatus refundStatus,
    String refundReference,
    String processInstanceId,
    Instant createdAt,
    Instant updatedAt,
    Instant resolvedAt,
    Instant closedAt) {
}

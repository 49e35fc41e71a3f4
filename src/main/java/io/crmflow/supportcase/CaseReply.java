package io.crmflow.supportcase;

import java.time.Instant;

/** A customer's reply to a case, as received through {@code POST /api/cases/{id}/replies}. */
public record CaseReply(String id, String caseId, String message, String receivedBy, boolean reopened,
                        Instant createdAt) {
}

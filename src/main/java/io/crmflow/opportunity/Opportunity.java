package io.crmflow.opportunity;

import java.time.Instant;

/** A qualified lead a salesperson now owns and works towards a deal with the lead's person (contact). */
public record Opportunity(String id, String leadId, String contactId, String owner, OpportunityStatus status,
                          Instant createdAt) {
}

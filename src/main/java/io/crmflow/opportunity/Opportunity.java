package io.crmflow.opportunity;

import java.time.Instant;

/** A qualified lead a salesperson now owns and works towards a deal. */
public record Opportunity(String id, String leadId, String owner, OpportunityStatus status, Instant createdAt) {
}

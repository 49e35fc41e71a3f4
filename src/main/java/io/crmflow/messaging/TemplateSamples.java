package io.crmflow.messaging;

import java.util.List;
import java.util.Map;

/**
 * Sample values for every name a message template uses — the person, a quote with its lines, a
 * coupon, a case, the stale-lead digest's lists — so that any template previews as its reader would
 * see it ({@code GET /api/messages/templates/{name}/preview}). Made up; no real person's data.
 */
final class TemplateSamples {

  private static final String URL = "https://crmflow.example";

  private TemplateSamples() {
  }

  static Map<String, Object> model() {
    Map<String, Object> digestEntry = Map.of("name", "Grace Hopper", "company", "Navy Labs", "status", "IN_REVIEW",
        "since", "2026-01-01T09:00:00Z", "leadUrl", URL + "/app/leads/sample-lead",
        "taskUrl", URL + "/camunda/app/tasklist/default/#/?task=sample-task");
    return Map.ofEntries(
        Map.entry("name", "Ada Lovelace"),
        Map.entry("company", "Analytical Engines"),
        Map.entry("score", 85),
        Map.entry("publicUrl", URL),
        Map.entry("unsubscribeUrl", URL + "/unsubscribe/sample"),
        Map.entry("serviceLevel", "PT24H"),
        Map.entry("waitingSince", "2026-01-01T09:00:00Z"),
        Map.entry("taskUrl", URL + "/camunda/app/tasklist/default/#/?task=sample-task"),
        Map.entry("ownerName", "Sam Sales"),
        Map.entry("owner", "sam"),
        Map.entry("leadName", "Ada Lovelace"),
        Map.entry("rating", "hot"),
        Map.entry("team", "sales"),
        Map.entry("leadUrl", URL + "/app/leads/sample-lead"),
        Map.entry("tasklistUrl", URL + "/camunda/app/tasklist/default/"),
        Map.entry("opportunityId", "sample-opportunity"),
        Map.entry("recordId", "sample-record"),
        Map.entry("quote", Map.of(
            "id", "sample-quote",
            "lines", List.of(
                Map.of("lineNo", 1, "product", "Difference Engine", "quantity", 2, "unitPrice", "500.00",
                    "lineTotal", "1000.00"),
                Map.of("lineNo", 2, "product", "Punched cards (box)", "quantity", 10, "unitPrice", "25.00",
                    "lineTotal", "250.00")),
            "itemCount", 2,
            "subtotal", "1250.00",
            "discountPercent", "10.00",
            "discountAmount", "125.00",
            "total", "1125.00",
            "validUntil", "2026-02-01",
            "rejectedBy", "mia",
            "rejectionReason", "The discount is above what we give new customers.")),
        Map.entry("coupon", Map.of("code", "SAMPLE-COUPON-42", "discountPercent", "5",
            "expiresAt", "2026-04-01")),
        Map.entry("caseId", "sample-case"),
        Map.entry("caseNumber", "CASE-000042"),
        Map.entry("subject", "Invoice shows the wrong VAT"),
        Map.entry("category", "billing"),
        Map.entry("priority", "high"),
        Map.entry("dueIn", "PT8H"),
        Map.entry("orderReference", "ORD-1234"),
        Map.entry("refundAmount", "49.90"),
        Map.entry("resolution", "We corrected the invoice; the new one is attached to your account."),
        Map.entry("overdueReviews", List.of(digestEntry)),
        Map.entry("inactiveLeads", List.of(digestEntry)),
        Map.entry("overdueReviewTotal", 1),
        Map.entry("inactiveLeadTotal", 1),
        Map.entry("inactiveAfter", "P14D"));
  }
}

package io.crmflow.opportunity;

import java.util.List;

/**
 * What {@code GET /api/opportunities} filters by; every part is optional, parts combine with "and".
 *
 * @param text a term found (case-insensitively) in the person's name or company
 */
public record OpportunityFilter(String leadId, String contactId, String owner, List<OpportunityStatus> statuses,
                                String text) {

  public OpportunityFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }
}

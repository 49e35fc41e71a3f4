package io.crmflow.quote;

import java.util.List;

/**
 * What {@code GET /api/quotes} filters by; every part is optional, parts combine with "and".
 *
 * @param text a term found (case-insensitively) in the person's name or company
 */
public record QuoteFilter(String opportunityId, String contactId, String owner, List<QuoteStatus> statuses,
                          String text) {

  public QuoteFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }
}

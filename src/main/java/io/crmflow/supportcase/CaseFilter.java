package io.crmflow.supportcase;

import java.util.List;

/**
 * What {@code GET /api/cases} filters by; every part is optional, parts combine with "and".
 *
 * @param text a term found (case-insensitively) in the case number, the subject, or the customer's name or
 *             addresses
 */
public record CaseFilter(List<CaseStatus> statuses, List<String> priorities, String team,
                         List<CaseCategory> categories, String text) {

  public CaseFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    priorities = priorities == null ? List.of() : List.copyOf(priorities);
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}

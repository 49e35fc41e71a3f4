package io.crmflow.lead;

import java.util.List;

/**
 * What {@code GET /api/leads} filters by; every part is optional, parts combine with "and".
 *
 * @param text a term found (case-insensitively) in the person's name, company or any of their addresses
 */
public record LeadFilter(List<LeadStatus> statuses, List<String> ratings, String owner, List<LeadSource> sources,
                         String text) {

  public LeadFilter {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    ratings = ratings == null ? List.of() : List.copyOf(ratings);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }
}

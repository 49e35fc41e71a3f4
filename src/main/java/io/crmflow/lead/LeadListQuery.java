package io.crmflow.lead;

import io.crmflow.web.Paging;
import java.util.List;

/**
 * A lead list's query parameters as the request gave them — {@code GET /api/leads} and the workspace's
 * {@code /app/leads} take the same ones: {@code status}, {@code rating}, {@code source} (each a
 * comma-separated or repeated list), {@code owner} (a user id), {@code q} (text in the person's name,
 * company or address), {@code page}, {@code size}, {@code sort} ({@code createdAt,desc} by default).
 * Reading them is where a bad value becomes a 400 naming the parameter.
 */
public record LeadListQuery(List<String> status, List<String> rating, List<String> source, String owner, String q,
                            String page, String size, String sort) {

  /** The ratings the lead-scoring decision gives. */
  public static final List<String> RATINGS = List.of("hot", "warm", "cold");

  public LeadFilter filter() {
    return new LeadFilter(
        Paging.values("status", status, Paging.constantOf(LeadStatus.class)),
        Paging.values("rating", rating, LeadListQuery::rating),
        Paging.text("owner", owner, 100),
        Paging.values("source", source, LeadSource::fromCode),
        Paging.text("q", q, 100));
  }

  public Paging paging() {
    return Paging.of(page, size, sort, LeadRepository.SORTABLE, "createdAt,desc");
  }

  private static String rating(String value) {
    if (!RATINGS.contains(value)) {
      throw new IllegalArgumentException("must be one of " + String.join(", ", RATINGS));
    }
    return value;
  }
}

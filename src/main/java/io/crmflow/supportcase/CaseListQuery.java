package io.crmflow.supportcase;

import io.crmflow.web.Paging;
import java.util.List;

/**
 * A case list's query parameters as the request gave them — {@code GET /api/cases} and the workspace's
 * {@code /app/cases} take the same ones: {@code status}, {@code priority}, {@code category} (each a
 * comma-separated or repeated list), {@code team}, {@code q} (text in the case number, subject, or the
 * customer's name or address), {@code page}, {@code size}, {@code sort} ({@code createdAt,desc} by
 * default). Reading them is where a bad value becomes a 400 naming the parameter.
 */
public record CaseListQuery(List<String> status, List<String> priority, List<String> category, String team, String q,
                            String page, String size, String sort) {

  /** The priorities the case-triage decision gives, most urgent first. */
  public static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low");

  public CaseFilter filter() {
    return new CaseFilter(
        Paging.values("status", status, Paging.constantOf(CaseStatus.class)),
        Paging.values("priority", priority, CaseListQuery::priority),
        Paging.text("team", team, 50),
        Paging.values("category", category, Paging.constantOf(CaseCategory.class)),
        Paging.text("q", q, 100));
  }

  public Paging paging() {
    return Paging.of(page, size, sort, CaseRepository.SORTABLE, "createdAt,desc");
  }

  private static String priority(String value) {
    if (!PRIORITIES.contains(value)) {
      throw new IllegalArgumentException("must be one of " + String.join(", ", PRIORITIES));
    }
    return value;
  }
}

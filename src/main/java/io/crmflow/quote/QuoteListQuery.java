package io.crmflow.quote;

import io.crmflow.web.Paging;
import java.util.List;

/**
 * A quote list's query parameters as the request gave them — {@code GET /api/quotes} and the workspace's
 * {@code /app/quotes} take the same ones: {@code opportunityId}, {@code contactId}, {@code owner},
 * {@code status} (comma-separated or repeated), {@code q} (text in the person's name or company),
 * {@code page}, {@code size}, {@code sort} ({@code createdAt,desc} by default). Reading them is where a
 * bad value becomes a 400 naming the parameter.
 */
public record QuoteListQuery(String opportunityId, String contactId, String owner, List<String> status, String q,
                             String page, String size, String sort) {

  public QuoteFilter filter() {
    return new QuoteFilter(Paging.text("opportunityId", opportunityId, 36), Paging.text("contactId", contactId, 36),
        Paging.text("owner", owner, 100), Paging.values("status", status, Paging.constantOf(QuoteStatus.class)),
        Paging.text("q", q, 100));
  }

  public Paging paging() {
    return Paging.of(page, size, sort, QuoteRepository.SORTABLE, "createdAt,desc");
  }
}

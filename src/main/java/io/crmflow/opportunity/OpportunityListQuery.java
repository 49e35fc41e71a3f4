package io.crmflow.opportunity;

import io.crmflow.shared.InvalidFieldException;
import io.crmflow.web.Paging;
import java.util.List;

/**
 * An opportunity list's query parameters as the request gave them — {@code GET /api/opportunities} and
 * the workspace's {@code /app/opportunities} take the same ones: {@code leadId}, {@code contactId},
 * {@code owner}, {@code status} (comma-separated or repeated), {@code q} (text in the person's name or
 * company), {@code page}, {@code size} ({@code limit} is its older name), {@code sort}
 * ({@code createdAt,desc} by default). Reading them is where a bad value becomes a 400 naming the parameter.
 */
public record OpportunityListQuery(String leadId, String contactId, String owner, List<String> status, String q,
                                   String page, String size, String limit, String sort) {

  public OpportunityFilter filter() {
    return new OpportunityFilter(Paging.text("leadId", leadId, 36), Paging.text("contactId", contactId, 36),
        Paging.text("owner", owner, 100), Paging.values("status", status, Paging.constantOf(OpportunityStatus.class)),
        Paging.text("q", q, 100));
  }

  public Paging paging() {
    if (size != null && limit != null) {
      throw new InvalidFieldException("limit", "give size or limit, not both");
    }
    return Paging.of(page, size == null ? limit : size, sort, OpportunityRepository.SORTABLE, "createdAt,desc");
  }
}

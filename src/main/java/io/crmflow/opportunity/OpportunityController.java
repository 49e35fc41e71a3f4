package io.crmflow.opportunity;

import io.crmflow.web.ApiException;
import io.crmflow.web.Paging;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/opportunities")
class OpportunityController {

  private final OpportunityService opportunities;

  OpportunityController(OpportunityService opportunities) {
    this.opportunities = opportunities;
  }

  /**
   * Opportunities, filtered and paged: {@code leadId}, {@code contactId}, {@code owner}, {@code status}
   * (comma-separated), {@code q} (text in the person's name or company), {@code page}, {@code size}
   * ({@code limit} is the older name of {@code size}), {@code sort} ({@code createdAt,desc} by default).
   * The answer is the page's opportunities with their person's name and company, with
   * {@code X-Total-Count} and {@code Link} headers.
   */
  @GetMapping
  ResponseEntity<List<OpportunitySummary>> list(@RequestParam(required = false) String leadId,
      @RequestParam(required = false) String contactId, @RequestParam(required = false) String owner,
      @RequestParam(required = false) List<String> status, @RequestParam(required = false) String q,
      @RequestParam(required = false) String page, @RequestParam(required = false) String size,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String sort) {
    if (size != null && limit != null) {
      throw ApiException.invalidField("limit", "give size or limit, not both");
    }
    OpportunityFilter filter = new OpportunityFilter(Paging.text("leadId", leadId, 36),
        Paging.text("contactId", contactId, 36), Paging.text("owner", owner, 100),
        Paging.values("status", status, Paging.constantOf(OpportunityStatus.class)), Paging.text("q", q, 100));
    return opportunities.list(filter, Paging.of(page, size == null ? limit : size, sort,
        OpportunityRepository.SORTABLE, "createdAt,desc")).toResponse();
  }

  @GetMapping("/{opportunityId}")
  Opportunity get(@PathVariable String opportunityId) {
    return opportunities.get(opportunityId);
  }
}

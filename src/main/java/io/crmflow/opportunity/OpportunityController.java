package io.crmflow.opportunity;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/opportunities")
class OpportunityController {

  private final OpportunityService opportunities;

  OpportunityController(OpportunityService opportunities) {
    this.opportunities = opportunities;
  }

  /**
   * Opportunities, filtered and paged (the parameters: {@link OpportunityListQuery}). The answer is the
   * page's opportunities with their person's name and company, with {@code X-Total-Count} and
   * {@code Link} headers.
   */
  @GetMapping
  ResponseEntity<List<OpportunitySummary>> list(OpportunityListQuery query) {
    return opportunities.list(query.filter(), query.paging()).toResponse();
  }

  @GetMapping("/{opportunityId}")
  Opportunity get(@PathVariable String opportunityId) {
    return opportunities.get(opportunityId);
  }
}

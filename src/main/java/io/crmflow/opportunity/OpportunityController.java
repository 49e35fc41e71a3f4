package io.crmflow.opportunity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/opportunities")
class OpportunityController {

  private final OpportunityService opportunities;

  OpportunityController(OpportunityService opportunities) {
    this.opportunities = opportunities;
  }

  /** Opportunities, newest first, optionally of one lead or one owner. */
  @GetMapping
  List<Opportunity> list(@RequestParam(required = false) @Size(max = 36) String leadId,
      @RequestParam(required = false) @Size(max = 100) String owner,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return opportunities.list(leadId, owner, limit);
  }

  @GetMapping("/{opportunityId}")
  Opportunity get(@PathVariable String opportunityId) {
    return opportunities.get(opportunityId);
  }
}

package io.crmflow.workspace;

import io.crmflow.contact.ContactService;
import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityFilter;
import io.crmflow.opportunity.OpportunityListQuery;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.opportunity.OpportunityStatus;
import io.crmflow.quote.QuoteService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The workspace's opportunities: the list, and a page per opportunity with its person and its quotes. */
@Controller
class OpportunityPages {

  private final OpportunityService opportunities;
  private final QuoteService quotes;
  private final ContactService contacts;
  private final RecordWork work;

  OpportunityPages(OpportunityService opportunities, QuoteService quotes, ContactService contacts, RecordWork work) {
    this.opportunities = opportunities;
    this.quotes = quotes;
    this.contacts = contacts;
    this.work = work;
  }

  /** The list: the same parameters, filters and checks as {@code GET /api/opportunities}. */
  @GetMapping("/app/opportunities")
  String list(OpportunityListQuery query, HttpServletRequest request, Model model) {
    OpportunityFilter filter = query.filter();
    model.addAttribute("form", new FilterForm("/app/opportunities", "opportunities", "Search name or company",
        filter.text(), List.of(FilterForm.statuses(OpportunityStatus.values(), filter.statuses())),
        List.of(FilterForm.owner(filter.owner()))));
    model.addAttribute("list", ListView.of(opportunities.list(filter, query.paging()), request));
    return "opportunities";
  }

  @GetMapping("/app/opportunities/{opportunityId}")
  String opportunity(@PathVariable String opportunityId, @ModelAttribute("user") WorkspaceUser user, Model model) {
    Opportunity opportunity = opportunities.get(opportunityId);
    model.addAttribute("opportunity", opportunity);
    model.addAttribute("person", contacts.get(opportunity.contactId()));
    // the groups that read opportunities read quotes too; checked all the same, as the quote pages are
    model.addAttribute("quotes", user.quotes() ? quotes.forOpportunity(opportunityId) : List.of());
    work.addTo(model, "opportunities", opportunityId, user);
    return "opportunity";
  }
}

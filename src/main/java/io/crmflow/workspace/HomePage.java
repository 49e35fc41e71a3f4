package io.crmflow.workspace;

import io.crmflow.lead.LeadListQuery;
import io.crmflow.lead.LeadService;
import io.crmflow.opportunity.OpportunityListQuery;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.quote.QuoteListQuery;
import io.crmflow.quote.QuoteService;
import io.crmflow.supportcase.CaseListQuery;
import io.crmflow.supportcase.SupportCaseService;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The workspace's start: the short lists the user's work begins with — for sales the leads waiting for
 * review and their own open opportunities, for managers and directors the quotes in approval, for
 * support the cases not yet resolved — each linking to the whole list with the same filter.
 */
@Controller
class HomePage {

  private static final String SHORT = "5";

  private final LeadService leads;
  private final OpportunityService opportunities;
  private final QuoteService quotes;
  private final SupportCaseService cases;

  HomePage(LeadService leads, OpportunityService opportunities, QuoteService quotes, SupportCaseService cases) {
    this.leads = leads;
    this.opportunities = opportunities;
    this.quotes = quotes;
    this.cases = cases;
  }

  /** One short list of the home page: its items and the list page it comes from. */
  record ShortList<T>(List<T> items, long total, String href) {
  }

  @GetMapping({"/app", "/app/"})
  String home(@ModelAttribute("user") WorkspaceUser user, Model model) {
    if (user.leads()) {
      LeadListQuery inReview = new LeadListQuery(List.of("IN_REVIEW"), null, null, null, null, null, SHORT, null);
      var page = leads.list(inReview.filter(), inReview.paging());
      model.addAttribute("leadsInReview", new ShortList<>(page.items(), page.total(), "/app/leads?status=IN_REVIEW"));
    }
    if (user.opportunities()) {
      OpportunityListQuery mine = new OpportunityListQuery(null, null, user.id(), List.of("OPEN"), null, null, SHORT,
          null, null);
      var page = opportunities.list(mine.filter(), mine.paging());
      model.addAttribute("myOpportunities", new ShortList<>(page.items(), page.total(),
          "/app/opportunities?status=OPEN&owner=" + user.id()));
    }
    if (user.quotes()) {
      QuoteListQuery inApproval = new QuoteListQuery(null, null, null, List.of("IN_APPROVAL"), null, null, SHORT, null);
      var page = quotes.list(inApproval.filter(), inApproval.paging());
      model.addAttribute("quotesInApproval", new ShortList<>(page.items(), page.total(),
          "/app/quotes?status=IN_APPROVAL"));
    }
    if (user.cases()) {
      CaseListQuery unresolved = new CaseListQuery(List.of("OPEN,IN_PROGRESS,WAITING_FOR_CUSTOMER"), null, null, null,
          null, null, SHORT, null);
      var page = cases.list(unresolved.filter(), unresolved.paging());
      model.addAttribute("openCases", new ShortList<>(page.items(), page.total(),
          "/app/cases?status=OPEN,IN_PROGRESS,WAITING_FOR_CUSTOMER"));
    }
    return "home";
  }
}

package io.crmflow.workspace;

import io.crmflow.lead.LeadListQuery;
import io.crmflow.lead.LeadService;
import io.crmflow.opportunity.OpportunityListQuery;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.quote.QuoteListQuery;
import io.crmflow.quote.QuoteService;
import io.crmflow.supportcase.CaseListQuery;
import io.crmflow.supportcase.SupportCaseService;
import io.crmflow.web.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The workspace's start: the short lists the user's work begins with — for sales the leads waiting for
 * review and their own open opportunities, for quote readers the quotes in approval, for support the
 * cases not yet resolved — each linking to the whole list with the same filter.
 */
@Controller
class HomePage {

  private static final String SHORT = "5";

  private final LeadService leads;
  private final OpportunityService opportunities;
  private final QuoteService quotes;
  private final SupportCaseService cases;
  private final Formats fmt;

  HomePage(LeadService leads, OpportunityService opportunities, QuoteService quotes, SupportCaseService cases,
      Formats fmt) {
    this.leads = leads;
    this.opportunities = opportunities;
    this.quotes = quotes;
    this.cases = cases;
    this.fmt = fmt;
  }

  /** One short list: a few records, each a link with a line about it, and the whole list's link. */
  record ShortList(String id, String title, List<Entry> entries, String more, String href) {
  }

  record Entry(String href, String label, String detail) {
  }

  @GetMapping({"/app", "/app/"})
  String home(@ModelAttribute("user") WorkspaceUser user, Model model) {
    List<ShortList> lists = new ArrayList<>();
    if (user.leads()) {
      LeadListQuery inReview = new LeadListQuery(List.of("IN_REVIEW"), null, null, null, null, null, SHORT, null);
      lists.add(shortList("leads", "Leads waiting for review", leads.list(inReview.filter(), inReview.paging()),
          lead -> new Entry("/app/leads/" + lead.id(), Objects.requireNonNullElse(lead.name(), "(no name)"),
              line(lead.company(), Objects.requireNonNullElse(lead.rating(), "not rated"))),
          "leads in review", "/app/leads?status=IN_REVIEW"));
    }
    if (user.opportunities()) {
      OpportunityListQuery mine = new OpportunityListQuery(null, null, user.id(), List.of("OPEN"), null, null, SHORT,
          null, null);
      lists.add(shortList("opportunities", "Your open opportunities", opportunities.list(mine.filter(), mine.paging()),
          summary -> new Entry("/app/opportunities/" + summary.opportunity().id(),
              Objects.requireNonNullElse(summary.name(), "(no name)"), line(summary.company())),
          "of your open opportunities", "/app/opportunities?status=OPEN&owner=" + user.id()));
    }
    if (user.quotes()) {
      QuoteListQuery inApproval = new QuoteListQuery(null, null, null, List.of("IN_APPROVAL"), null, null, SHORT, null);
      lists.add(shortList("quotes", "Quotes in approval", quotes.list(inApproval.filter(), inApproval.paging()),
          quote -> new Entry("/app/quotes/" + quote.id(), "Quote " + fmt.shortId(quote.id()),
              line(quote.name(), fmt.money(quote.total()))),
          "quotes in approval", "/app/quotes?status=IN_APPROVAL"));
    }
    if (user.cases()) {
      String unresolved = "OPEN,IN_PROGRESS,WAITING_FOR_CUSTOMER";
      CaseListQuery open = new CaseListQuery(List.of(unresolved), null, null, null, null, null, SHORT, null);
      lists.add(shortList("cases", "Cases not yet resolved", cases.list(open.filter(), open.paging()),
          supportCase -> new Entry("/app/cases/" + supportCase.id(), supportCase.caseNumber(),
              line(supportCase.subject(), supportCase.priority())),
          "unresolved cases", "/app/cases?status=" + unresolved));
    }
    model.addAttribute("lists", lists);
    return "home";
  }

  private <T> ShortList shortList(String id, String title, Page<T> page, Function<T, Entry> entry, String noun,
      String href) {
    return new ShortList(id, title, page.items().stream().map(entry).toList(),
        "All " + fmt.number(page.total()) + " " + noun, href);
  }

  /** The parts that are known, joined by " · ". */
  private static String line(String... parts) {
    return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" · "));
  }
}

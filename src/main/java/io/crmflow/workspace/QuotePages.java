package io.crmflow.workspace;

import io.crmflow.contact.ContactService;
import io.crmflow.quote.Quote;
import io.crmflow.quote.QuoteFilter;
import io.crmflow.quote.QuoteListQuery;
import io.crmflow.quote.QuoteService;
import io.crmflow.quote.QuoteStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The workspace's quotes: the list, and a page per quote with what the Tasklist record tab shows. */
@Controller
class QuotePages {

  private final QuoteService quotes;
  private final ContactService contacts;
  private final RecordWork work;

  QuotePages(QuoteService quotes, ContactService contacts, RecordWork work) {
    this.quotes = quotes;
    this.contacts = contacts;
    this.work = work;
  }

  /** The list: the same parameters, filters and checks as {@code GET /api/quotes}. */
  @GetMapping("/app/quotes")
  String list(QuoteListQuery query, HttpServletRequest request, Model model) {
    QuoteFilter filter = query.filter();
    model.addAttribute("form", new FilterForm("/app/quotes", "quotes", "Search name or company", filter.text(),
        List.of(FilterForm.statuses(QuoteStatus.values(), filter.statuses())),
        List.of(FilterForm.owner(filter.owner()))));
    model.addAttribute("list", ListView.of(quotes.list(filter, query.paging()), request));
    return "quotes";
  }

  @GetMapping("/app/quotes/{quoteId}")
  String quote(@PathVariable String quoteId, @ModelAttribute("user") WorkspaceUser user, Model model) {
    Quote quote = quotes.get(quoteId);
    model.addAttribute("quote", quote);
    model.addAttribute("customer", contacts.get(quote.contactId()));
    work.addTo(model, "quotes", quoteId, user);
    return "quote";
  }
}

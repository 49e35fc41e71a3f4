package io.crmflow.workspace;

import io.crmflow.contact.ContactService;
import io.crmflow.lead.Lead;
import io.crmflow.lead.LeadFilter;
import io.crmflow.lead.LeadListQuery;
import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSource;
import io.crmflow.lead.LeadStatus;
import io.crmflow.messaging.MessageLog;
import io.crmflow.opportunity.OpportunityService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The workspace's leads: the list, and a page per lead with what the Tasklist record tab shows. */
@Controller
class LeadPages {

  private final LeadService leads;
  private final ContactService contacts;
  private final OpportunityService opportunities;
  private final MessageLog messageLog;
  private final RecordWork work;

  LeadPages(LeadService leads, ContactService contacts, OpportunityService opportunities, MessageLog messageLog,
      RecordWork work) {
    this.leads = leads;
    this.contacts = contacts;
    this.opportunities = opportunities;
    this.messageLog = messageLog;
    this.work = work;
  }

  /** The list: the same parameters, filters and checks as {@code GET /api/leads}. */
  @GetMapping("/app/leads")
  String list(LeadListQuery query, HttpServletRequest request, Model model) {
    LeadFilter filter = query.filter();
    model.addAttribute("form", new FilterForm("/app/leads", "leads", "Search name, company or email", filter.text(),
        List.of(FilterForm.statuses(LeadStatus.values(), filter.statuses()),
            FilterForm.choices("Rating", "rating", LeadListQuery.RATINGS, rating -> rating, rating -> rating,
                filter.ratings()),
            FilterForm.choices("Source", "source", List.of(LeadSource.values()), LeadSource::code, LeadSource::code,
                filter.sources())),
        List.of(FilterForm.owner(filter.owner()))));
    model.addAttribute("list", ListView.of(leads.list(filter, query.paging()), request));
    return "leads";
  }

  @GetMapping("/app/leads/{leadId}")
  String lead(@PathVariable String leadId, @ModelAttribute("user") WorkspaceUser user, Model model) {
    Lead lead = leads.get(leadId);
    model.addAttribute("lead", lead);
    model.addAttribute("reviewNote", leads.reviewNote(leadId));
    model.addAttribute("submissions", contacts.submissions(lead.contactId()).stream()
        .filter(submission -> leadId.equals(submission.leadId())).toList());
    model.addAttribute("opportunity", user.opportunities() ? opportunities.forLead(leadId).orElse(null) : null);
    model.addAttribute("messages", messageLog.forRecord(leadId, 100));
    work.addTo(model, "leads", leadId, user);
    return "lead";
  }
}

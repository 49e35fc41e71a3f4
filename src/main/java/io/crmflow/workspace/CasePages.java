package io.crmflow.workspace;

import io.crmflow.contact.ContactService;
import io.crmflow.messaging.MessageLog;
import io.crmflow.supportcase.CaseCategory;
import io.crmflow.supportcase.CaseFilter;
import io.crmflow.supportcase.CaseListQuery;
import io.crmflow.supportcase.CaseReply;
import io.crmflow.supportcase.CaseStatus;
import io.crmflow.supportcase.SupportCase;
import io.crmflow.supportcase.SupportCaseService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The workspace's support cases: the list, and a page per case with what the Tasklist record tab shows. */
@Controller
class CasePages {

  private final SupportCaseService cases;
  private final ContactService contacts;
  private final MessageLog messageLog;
  private final RecordWork work;

  CasePages(SupportCaseService cases, ContactService contacts, MessageLog messageLog, RecordWork work) {
    this.cases = cases;
    this.contacts = contacts;
    this.messageLog = messageLog;
    this.work = work;
  }

  /** The list: the same parameters, filters and checks as {@code GET /api/cases}. */
  @GetMapping("/app/cases")
  String list(CaseListQuery query, HttpServletRequest request, Model model) {
    CaseFilter filter = query.filter();
    model.addAttribute("form", new FilterForm("/app/cases", "cases", "Search case number, subject or customer",
        filter.text(),
        List.of(FilterForm.statuses(CaseStatus.values(), filter.statuses()),
            FilterForm.choices("Priority", "priority", CaseListQuery.PRIORITIES, priority -> priority,
                priority -> priority, filter.priorities()),
            FilterForm.choices("Category", "category", List.of(CaseCategory.values()), CaseCategory::code,
                CaseCategory::code, filter.categories())),
        List.of(new FilterForm.Field("team", "Team", 50, filter.team()))));
    model.addAttribute("list", ListView.of(cases.list(filter, query.paging()), request));
    return "cases";
  }

  @GetMapping("/app/cases/{caseId}")
  String supportCase(@PathVariable String caseId, @ModelAttribute("user") WorkspaceUser user, Model model) {
    SupportCase supportCase = cases.get(caseId);
    model.addAttribute("supportCase", supportCase);
    model.addAttribute("customer", contacts.get(supportCase.contactId()));
    // what the customer wrote last is what support answers: newest first
    model.addAttribute("replies", cases.replies(caseId).stream()
        .sorted(Comparator.comparing(CaseReply::createdAt).thenComparing(CaseReply::id).reversed()).toList());
    model.addAttribute("messages", messageLog.forRecord(caseId, 100));
    work.addTo(model, "cases", caseId, user);
    return "case";
  }
}

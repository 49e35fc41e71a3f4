package io.crmflow.lead;

import io.crmflow.messaging.TemplateModelContributor;
import io.crmflow.web.PublicUrl;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The lead behind "Notify lead owner" and "Tell sales managers nobody is free" (templates lead-assigned,
 * lead-unassigned): its name and company, read from crm_lead when the email is rendered, and links to
 * its page and to Tasklist.
 */
@Component
class LeadAssignmentMailContributor implements TemplateModelContributor {

  private static final Set<String> STEPS = Set.of(LeadIntakeProcess.TASK_NOTIFY_LEAD_OWNER,
      LeadIntakeProcess.TASK_NOTIFY_TEAM_UNASSIGNED);

  private final LeadService leads;
  private final RepositoryService repositoryService;
  private final PublicUrl publicUrl;

  LeadAssignmentMailContributor(LeadService leads, RepositoryService repositoryService, PublicUrl publicUrl) {
    this.leads = leads;
    this.repositoryService = repositoryService;
    this.publicUrl = publicUrl;
  }

  @Override
  public void contribute(DelegateExecution execution, Map<String, Object> model) {
    if (!STEPS.contains(execution.getCurrentActivityId()) || !LeadIntakeProcess.KEY.equals(
        repositoryService.getProcessDefinition(execution.getProcessDefinitionId()).getKey())) {
      return;
    }
    Lead lead = leads.get(LeadIntakeProcess.LEAD_ID.get(execution));
    model.put("leadName", lead.name());
    model.put("company", lead.company());
    model.put("rating", lead.rating());
    model.put("score", lead.score());
    model.put("leadUrl", publicUrl.link("/app/leads/" + lead.id()));
    // the review is created right after this email; assigned, it is in the owner's own list
    model.put("tasklistUrl", publicUrl.link("/camunda/app/tasklist/default/"));
  }
}

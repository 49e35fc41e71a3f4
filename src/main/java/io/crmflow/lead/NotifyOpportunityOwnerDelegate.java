package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.OPPORTUNITY_ID;

import io.crmflow.messaging.MessageService;
import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.security.StaffDirectory;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Notify opportunity owner": tells the salesperson the opportunity is theirs. */
@Component
class NotifyOpportunityOwnerDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(NotifyOpportunityOwnerDelegate.class);

  private final OpportunityService opportunities;
  private final LeadService leads;
  private final StaffDirectory staff;
  private final MessageService messages;

  NotifyOpportunityOwnerDelegate(OpportunityService opportunities, LeadService leads, StaffDirectory staff,
      MessageService messages) {
    this.opportunities = opportunities;
    this.leads = leads;
    this.staff = staff;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Opportunity opportunity = opportunities.get(OPPORTUNITY_ID.get(execution));
    var owner = staff.user(opportunity.owner());
    if (owner.isEmpty()) {
      log.warn("Owner {} of opportunity {} has no email address; not notified", opportunity.owner(), opportunity.id());
      return;
    }
    Lead lead = leads.get(opportunity.leadId());
    Map<String, Object> model = new HashMap<>();
    model.put("ownerName", owner.get().displayName());
    model.put("leadName", lead.name());
    model.put("company", lead.company());
    model.put("opportunityId", opportunity.id());
    messages.sendToStaff(execution, "opportunity-assigned", owner.get(), "user", model);
  }
}

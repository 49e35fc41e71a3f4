package io.crmflow.opportunity;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.OPPORTUNITY_ID;
import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Create opportunity": the qualified lead becomes an opportunity owned by its reviewer. */
@Component
class CreateOpportunityDelegate implements JavaDelegate {

  private final OpportunityService opportunities;

  CreateOpportunityDelegate(OpportunityService opportunities) {
    this.opportunities = opportunities;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Opportunity opportunity = opportunities.openForQualifiedLead(LEAD_ID.get(execution), REVIEWER.get(execution));
    OPPORTUNITY_ID.set(execution, opportunity.id());
  }
}

package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.OPPORTUNITY_ID;
import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Create opportunity": the qualified lead becomes an opportunity owned by its reviewer. */
@Component
class OpenOpportunityDelegate implements JavaDelegate {

  private final LeadQualification qualification;

  OpenOpportunityDelegate(LeadQualification qualification) {
    this.qualification = qualification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OPPORTUNITY_ID.set(execution, qualification.openOpportunity(LEAD_ID.get(execution), REVIEWER.get(execution)).id());
  }
}

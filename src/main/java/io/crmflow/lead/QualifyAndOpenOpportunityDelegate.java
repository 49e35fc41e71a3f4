package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.OPPORTUNITY_ID;
import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create opportunity" of lead-intake 1.4.0 and older, which marked the lead qualified inside this one
 * task; 1.5.0 shows "Mark lead qualified" as its own step and calls {@code openOpportunityDelegate}.
 * Kept under the old bean name so instances started on those versions finish; remove it once Cockpit
 * shows no running lead-intake instance below 1.5.0.
 */
@Component("createOpportunityDelegate")
class QualifyAndOpenOpportunityDelegate implements JavaDelegate {

  private final LeadQualification qualification;

  QualifyAndOpenOpportunityDelegate(LeadQualification qualification) {
    this.qualification = qualification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OPPORTUNITY_ID.set(execution, qualification.qualify(LEAD_ID.get(execution), REVIEWER.get(execution)).id());
  }
}

package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.BUDGET;
import static io.crmflow.lead.LeadIntakeProcess.COMPANY_SIZE;
import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.MARKETING_CONSENT;
import static io.crmflow.lead.LeadIntakeProcess.SOURCE;
import static io.crmflow.lead.LeadIntakeProcess.WELCOME_DUE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Read scoring facts": hands the stored lead's scoring facts to the process, and whether its welcome email is
 * due (it changes nothing). Lead-intake 1.4.0 and older call it by its former name,
 * {@code createOrUpdateLeadDelegate}, an alias ({@link LeadIntakeBeans}).
 */
@Component
class ReadScoringFactsDelegate implements JavaDelegate {

  private final LeadService leadService;

  ReadScoringFactsDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LeadService.ScoringFacts facts = leadService.scoringFacts(LEAD_ID.get(execution));
    // read by "Score lead" and "Welcome due?" in this same job, and kept on the lead: no copy in the database
    SOURCE.setTransient(execution, facts.source());
    COMPANY_SIZE.setTransient(execution, facts.companySize());
    BUDGET.setTransient(execution, facts.budget());
    if (!execution.hasVariable(WELCOME_DUE.name())) { // instances started by an earlier release hold it
      WELCOME_DUE.setTransient(execution, facts.welcomeDue());
    }
    MARKETING_CONSENT.set(execution, facts.marketingConsent());
  }
}

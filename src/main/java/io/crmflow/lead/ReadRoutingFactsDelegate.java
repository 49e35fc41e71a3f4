package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.COMPANY_SIZE;
import static io.crmflow.lead.LeadIntakeProcess.COUNTRY;
import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.LOCALE;
import static io.crmflow.lead.LeadIntakeProcess.SOURCE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Read routing facts": hands the lead's country, company size, source and locale to "Route lead"
 * (bpmn/lead-routing.dmn) as transient variables; that task runs in the same transaction, so they never
 * reach the database. Read afresh here, as a re-scored lead enters the process at review.
 */
@Component
class ReadRoutingFactsDelegate implements JavaDelegate {

  private final LeadService leadService;

  ReadRoutingFactsDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LeadService.RoutingFacts facts = leadService.routingFacts(LEAD_ID.get(execution));
    COUNTRY.setTransient(execution, facts.country());
    COMPANY_SIZE.setTransient(execution, facts.companySize());
    SOURCE.setTransient(execution, facts.source());
    LOCALE.setTransient(execution, facts.locale());
  }
}

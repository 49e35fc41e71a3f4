package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Mark email invalid": the welcome email bounced permanently; the lead's address is flagged, intake goes on. */
@Component
class MarkEmailInvalidDelegate implements JavaDelegate {

  private final LeadService leadService;

  MarkEmailInvalidDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    leadService.markEmailInvalid(LEAD_ID.get(execution));
  }
}

package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When an intake ends (any way, including cancellation) the lead's address may start a new one. */
@Component
class LeadIntakeEndedListener implements ExecutionListener {

  private final LeadService leadService;

  LeadIntakeEndedListener(LeadService leadService) {
    this.leadService = leadService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    leadService.closeIntake(LEAD_ID.get(execution));
  }
}

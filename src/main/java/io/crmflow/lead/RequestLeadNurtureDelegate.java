package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Lead-intake's end event "Nurture requested": sends the message LeadNurtureRequested that starts
 * the lead's nurture sequence (business key = lead id), unless one is running already.
 */
@Component
class RequestLeadNurtureDelegate implements JavaDelegate {

  private final LeadNurtureService nurtureService;

  RequestLeadNurtureDelegate(LeadNurtureService nurtureService) {
    this.nurtureService = nurtureService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    nurtureService.start(LEAD_ID.get(execution));
  }
}

package io.crmflow.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When a nurture sequence ends (any way, including cancellation in Cockpit) the lead may start a new one. */
@Component
class LeadNurtureEndedListener implements ExecutionListener {

  private final LeadNurtureService nurtureService;

  LeadNurtureEndedListener(LeadNurtureService nurtureService) {
    this.nurtureService = nurtureService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    nurtureService.release(execution.getProcessInstanceId());
  }
}

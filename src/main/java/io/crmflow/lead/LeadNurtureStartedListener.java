package io.crmflow.lead;

import static io.crmflow.lead.LeadNurtureProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When a nurture sequence starts — however it was started, also by a message sent through the
 * engine's REST API — it claims the lead in crm_lead_nurture; a second running sequence for the
 * same lead fails on the unique constraint and its start is rolled back.
 */
@Component
class LeadNurtureStartedListener implements ExecutionListener {

  private final LeadNurtureService nurtureService;

  LeadNurtureStartedListener(LeadNurtureService nurtureService) {
    this.nurtureService = nurtureService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    nurtureService.register(execution.getProcessInstanceId(), LEAD_ID.get(execution));
  }
}

package io.crmflow.lead;

import io.crmflow.messaging.MessageLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * When a nurture sequence ends (any way, including cancellation in Cockpit) the lead may start a new
 * one, and a follow-up it left deferred under the marketing cap goes no more: the lead replied, was
 * stopped, or the sequence is simply over.
 */
@Component
class LeadNurtureEndedListener implements ExecutionListener {

  private final LeadNurtureService nurtureService;
  private final MessageLog messageLog;

  LeadNurtureEndedListener(LeadNurtureService nurtureService, MessageLog messageLog) {
    this.nurtureService = nurtureService;
    this.messageLog = messageLog;
  }

  @Override
  public void notify(DelegateExecution execution) {
    nurtureService.release(execution.getProcessInstanceId());
    messageLog.withdrawDeferred(execution.getProcessInstanceId(), "the nurture sequence ended");
  }
}

package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Reject refund": a support lead refused the refund. */
@Component
class RejectRefundDelegate implements JavaDelegate {

  private final SupportCaseService supportCases;

  RejectRefundDelegate(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    supportCases.rejectRefund(CASE_ID.get(execution));
  }
}

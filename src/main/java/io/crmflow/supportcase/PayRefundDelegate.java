package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;
import static io.crmflow.supportcase.SupportCaseProcess.ERROR_REFUND_FAILED;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Pay refund": a refusal by the gateway takes the RefundFailed path; an unreachable or failing
 * gateway fails the job, which the engine retries (then raises an incident).
 */
@Component
class PayRefundDelegate implements JavaDelegate {

  private final SupportCaseService supportCases;

  PayRefundDelegate(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      supportCases.payRefund(CASE_ID.get(execution));
    } catch (PaymentGatewayException.Permanent e) {
      throw new BpmnError(ERROR_REFUND_FAILED, e.getMessage());
    }
  }
}

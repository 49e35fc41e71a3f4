package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Reopen case": the customer replied; the case goes back to support (Case.Reopened). */
@Component
class ReopenCaseDelegate implements JavaDelegate {

  private final SupportCaseService supportCases;

  ReopenCaseDelegate(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    supportCases.reopen(CASE_ID.get(execution));
  }
}

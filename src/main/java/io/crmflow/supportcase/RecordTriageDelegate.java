package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;
import static io.crmflow.supportcase.SupportCaseProcess.PRIORITY;
import static io.crmflow.supportcase.SupportCaseProcess.TEAM;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record triage": stores the case-triage decision's priority and team on the case. */
@Component
class RecordTriageDelegate implements JavaDelegate {

  private final SupportCaseService supportCases;

  RecordTriageDelegate(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    supportCases.recordTriage(CASE_ID.get(execution), PRIORITY.get(execution), TEAM.get(execution));
  }
}

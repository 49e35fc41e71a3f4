package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME_RESOLVED;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME_WAITING_FOR_CUSTOMER;
import static io.crmflow.supportcase.SupportCaseProcess.RESOLUTION;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completion of "Handle case": moves the text support wrote for the customer from the form
 * variable into crm_case and blanks the variable before the transaction commits, so the text never
 * reaches Camunda's runtime or history tables (audit history keeps a variable's last value only).
 */
@Component
class HandleCaseCompletedListener implements TaskListener {

  static final int MAX_RESOLUTION_LENGTH = 4000;

  private final SupportCaseService supportCases;

  HandleCaseCompletedListener(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    String outcome = OUTCOME.getOrNull(execution);
    if (!OUTCOME_RESOLVED.equals(outcome) && !OUTCOME_WAITING_FOR_CUSTOMER.equals(outcome)) {
      throw new ProcessEngineException("Handle case: outcome must be '" + OUTCOME_RESOLVED + "' or '"
          + OUTCOME_WAITING_FOR_CUSTOMER + "'");
    }
    String resolution = RESOLUTION.getOrNull(execution);
    if (resolution == null || resolution.isBlank()) {
      throw new ProcessEngineException("Handle case: the resolution text for the customer is required");
    }
    if (resolution.length() > MAX_RESOLUTION_LENGTH) {
      throw new ProcessEngineException("Handle case: the resolution text may have at most "
          + MAX_RESOLUTION_LENGTH + " characters");
    }
    supportCases.recordResolution(CASE_ID.get(execution), resolution.strip());
    RESOLUTION.set(execution, null);
    execution.removeVariable(RESOLUTION.name());
  }
}

package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.CASE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Sets the case's status to the task's {@code status} field (IN_PROGRESS, RESOLVED…), so each
 * status change is a visible task in the model and publishes Case.StatusChanged.
 * Prototype scope: Camunda injects the field into the bean it resolves, per task; public so it can.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class CaseStatusDelegate implements JavaDelegate {

  private final SupportCaseService supportCases;
  private Expression status;

  CaseStatusDelegate(SupportCaseService supportCases) {
    this.supportCases = supportCases;
  }

  public void setStatus(Expression status) {
    this.status = status;
  }

  @Override
  public void execute(DelegateExecution execution) {
    supportCases.changeStatus(CASE_ID.get(execution), CaseStatus.valueOf(String.valueOf(status.getValue(execution))));
  }
}

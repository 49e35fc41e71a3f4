package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Sets the lead's status to the value of the task's {@code status} field (IN_REVIEW,
 * DISQUALIFIED, NURTURING…), so each status change is a visible task in the model.
 * Prototype scope: Camunda injects the field into the bean it resolves, per task; public so it can.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class LeadStatusDelegate implements JavaDelegate {

  private final LeadService leadService;
  private Expression status;

  LeadStatusDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  public void setStatus(Expression status) {
    this.status = status;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LeadStatus target = LeadStatus.valueOf(String.valueOf(status.getValue(execution)));
    leadService.changeStatus(LEAD_ID.get(execution), target);
  }
}

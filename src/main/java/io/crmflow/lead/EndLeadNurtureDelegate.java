package io.crmflow.lead;

import static io.crmflow.lead.LeadNurtureProcess.EXIT_REASON;
import static io.crmflow.lead.LeadNurtureProcess.LEAD_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The "End nurture: …" and "Mark lead cold" tasks of lead-nurture: records why the sequence ended
 * (field {@code reason}, a {@link NurtureExitReason}) on the lead and in variable {@code exitReason}.
 * Prototype scope and public: Camunda injects the field into the bean it resolves, per task.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class EndLeadNurtureDelegate implements JavaDelegate {

  private final LeadService leadService;
  private Expression reason;

  EndLeadNurtureDelegate(LeadService leadService) {
    this.leadService = leadService;
  }

  public void setReason(Expression reason) {
    this.reason = reason;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NurtureExitReason exitReason = NurtureExitReason.valueOf(String.valueOf(reason.getValue(execution)));
    leadService.endNurture(LEAD_ID.get(execution), execution.getProcessInstanceId(), exitReason);
    EXIT_REASON.set(execution, exitReason.name());
  }
}

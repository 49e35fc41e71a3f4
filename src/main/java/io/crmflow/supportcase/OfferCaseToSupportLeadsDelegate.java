package io.crmflow.supportcase;

import static io.crmflow.supportcase.SupportCaseProcess.TASK_HANDLE_CASE;

import io.crmflow.security.CrmGroups;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Offer case to support leads": an overdue case also shows up in the support leads' Tasklist. */
@Component
class OfferCaseToSupportLeadsDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(OfferCaseToSupportLeadsDelegate.class);

  private final TaskService taskService;

  OfferCaseToSupportLeadsDelegate(TaskService taskService) {
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Task task = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TASK_HANDLE_CASE)
        .singleResult();
    if (task == null) {
      log.info("Case {} was handled before the escalation ran", execution.getBusinessKey());
      return;
    }
    // adding an existing candidate group again changes nothing, so a retry is harmless
    taskService.addCandidateGroup(task.getId(), CrmGroups.SUPPORT_LEADS);
  }
}

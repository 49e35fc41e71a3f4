package io.crmflow.audit;

import io.crmflow.shared.RecordType;
import io.crmflow.tasklist.TaskRecordType;
import io.crmflow.tasklist.TaskRecordTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Audits every user-task completion in every process, whoever deploys it: a built-in task
 * listener on {@code complete}, added to each user task at parse time, records the user, the task,
 * the process, the record its business key names and the names of the variables submitted.
 */
@Component
class TaskCompletionAudit extends AbstractProcessEnginePlugin {

  static final String ACTION = "task.completed";

  private final AuditLog auditLog;
  private final TaskRecordTypes recordTypes;
  private final SubmittedVariables submittedVariables = new SubmittedVariables();

  TaskCompletionAudit(AuditLog auditLog, TaskRecordTypes recordTypes) {
    this.auditLog = auditLog;
    this.recordTypes = recordTypes;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    TaskListener listener = this::taskCompleted;
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        // built-in: runs before the model's own listeners (so it sees only what the user submitted)
        // and even when an operator skips custom listeners
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);

    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(submittedVariables);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  private void taskCompleted(DelegateTask task) {
    String actor = Context.getCommandContext().getAuthenticatedUserId();
    if (actor == null) {
      actor = task.getAssignee();
    }
    ExecutionEntity execution = (ExecutionEntity) task.getExecution();
    String processKey = execution == null ? null : execution.getProcessDefinition().getKey();
    String businessKey = execution == null ? null : execution.getProcessBusinessKey();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", task.getId());
    details.put("taskDefinitionKey", task.getTaskDefinitionKey());
    details.put("taskName", task.getName());
    details.put("processDefinitionKey", processKey);
    details.put("businessKey", businessKey);
    details.put("variables", submittedVariables.namesIn(task.getProcessInstanceId()));
    // the business key is the id of the record the process works on, if it declares one
    RecordType recordType = execution == null ? null
        : recordTypes.of(processKey, execution::getVariable).map(TaskRecordType::type).orElse(null);
    auditLog.record(actor, ACTION, recordType, businessKey,
        task.getProcessInstanceId(), details);
  }
}

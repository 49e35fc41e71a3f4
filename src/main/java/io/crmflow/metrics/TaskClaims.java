package io.crmflow.metrics;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records when each user task was first given an assignee — claimed in Tasklist or by the API, or
 * assigned at creation by the model — in crm_task_claim (V22), for the work time of flow efficiency
 * ({@link WorkTime}). At history level audit Camunda keeps no claim time: ACT_HI_TASKINST has only the
 * last assignee, and ACT_HI_IDENTITYLINK and ACT_HI_OP_LOG are written at level full. A built-in
 * assignment listener on every user task of every deployed model writes the row in the engine's
 * transaction, at the engine's clock (as history is stamped); later reassignments keep the first time.
 */
@Component
class TaskClaims extends AbstractProcessEnginePlugin {

  private final JdbcClient jdbc;

  TaskClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    TaskListener firstAssignment = task -> {
      if (task.getAssignee() != null) {
        recordFirst(task.getId(), task.getProcessInstanceId());
      }
    };
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, firstAssignment);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  private void recordFirst(String taskId, String processInstanceId) {
    boolean recorded = jdbc.sql("select count(*) from crm_task_claim where task_id_ = ?").param(taskId)
        .query(Long.class).single() > 0;
    if (!recorded) {
      jdbc.sql("insert into crm_task_claim (task_id_, proc_inst_id_, claimed_at) values (?, ?, ?)")
          .params(taskId, processInstanceId, new Timestamp(ClockUtil.getCurrentTime().getTime()))
          .update();
    }
  }
}

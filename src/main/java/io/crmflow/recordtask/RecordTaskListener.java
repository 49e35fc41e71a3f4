package io.crmflow.recordtask;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Keeps the task's row in step with Tasklist: a reassignment moves it, a completion marks it done (by the
 * logged-in user, else the assignee). Runs in the engine's transaction.
 */
@Component("recordTaskListener")
class RecordTaskListener implements TaskListener {

  private final RecordTasks recordTasks;

  RecordTaskListener(RecordTasks recordTasks) {
    this.recordTasks = recordTasks;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          recordTasks.reassigned(task.getProcessInstanceId(), task.getAssignee());
        }
      }
      case EVENTNAME_COMPLETE -> {
        String user = Context.getCommandContext().getAuthenticatedUserId();
        recordTasks.done(task.getProcessInstanceId(), user != null ? user : task.getAssignee(), Instant.now());
      }
      default -> throw new IllegalStateException("record-task listens to assignment and complete, not "
          + task.getEventName());
    }
  }
}

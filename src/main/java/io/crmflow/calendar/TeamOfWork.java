package io.crmflow.calendar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.task.Task;

/**
 * Whose business hours a user task's durations count in: the process variable {@value #TEAM} (the team
 * the work is routed to) when that team has working hours of its own; else the task's candidate group
 * that has (of several, the first by name); else the default calendar. Empty when the work is not a
 * user task: then durations keep calendar time.
 */
final class TeamOfWork {

  /** The process variable naming the team (a Camunda group id) the work is routed to. */
  static final String TEAM = "team";

  private TeamOfWork() {
  }

  /** The team of a user task being created: its due date and follow-up date. */
  static Optional<String> ofTask(Task task, BusinessHours businessHours) {
    if (!(task instanceof TaskEntity entity) || entity.getExecution() == null) {
      return Optional.empty();
    }
    return Optional.of(team(entity.getExecution(), entity.getTaskDefinition(), businessHours));
  }

  /**
   * The team of the user task the engine is entering on this thread, whose boundary timers it is
   * creating; empty when it is at anything else (a timer event, a receive task, a start event) or
   * outside an execution (a due date recalculated through the API).
   */
  static Optional<String> ofCurrentUserTask(BusinessHours businessHours) {
    if (!(Context.getCoreExecutionContext() instanceof BpmnExecutionContext context)
        || context.getExecution() == null) {
      return Optional.empty();
    }
    ExecutionEntity execution = context.getExecution();
    return userTask(execution.getActivity()).map(task -> team(execution, task, businessHours));
  }

  private static Optional<TaskDefinition> userTask(ActivityImpl activity) {
    return activity != null && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask
        ? Optional.of(userTask.getTaskDefinition())
        : Optional.empty();
  }

  private static String team(ExecutionEntity execution, TaskDefinition task, BusinessHours businessHours) {
    if (execution.getVariable(TEAM) instanceof String routed && businessHours.hasOwnCalendar(routed)) {
      return routed;
    }
    return candidateGroups(execution, task).sorted().filter(businessHours::hasOwnCalendar).findFirst()
        .orElse(BusinessHours.DEFAULT);
  }

  /** The groups the task is offered to, as the engine reads them (expressions, comma-separated lists). */
  private static Stream<String> candidateGroups(VariableScope scope, TaskDefinition task) {
    if (task == null) {
      return Stream.empty();
    }
    List<String> groups = new ArrayList<>();
    for (Expression expression : task.getCandidateGroupIdExpressions()) {
      Object value;
      try {
        value = expression.getValue(scope);
      } catch (ProcessEngineException e) {
        continue; // the task's creation reports it; the calendar only looks for a team
      }
      if (value instanceof String list) {
        Stream.of(list.split(",")).map(String::trim).filter(group -> !group.isEmpty()).forEach(groups::add);
      } else if (value instanceof Collection<?> collection) {
        collection.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
      }
    }
    return groups.stream();
  }
}

package io.crmflow.workspace;

import io.crmflow.process.ProcessTimeline;
import io.crmflow.recordtask.RecordTasks;
import io.crmflow.tasklist.TasklistLinks;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The work going on for a record (the business key of its processes), as every record page shows it:
 * the workflow timeline, the open tasks as the user would find them in Tasklist (a task people added to the
 * record under its title), where to add one, and the process instances, for Cockpit.
 */
@Component
class RecordWork {

  private static final int LIMIT = 50;

  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final ProcessTimeline timeline;
  private final RecordTasks recordTasks;

  RecordWork(TaskService taskService, HistoryService historyService, IdentityService identityService,
      ProcessTimeline timeline, RecordTasks recordTasks) {
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.timeline = timeline;
    this.recordTasks = recordTasks;
  }

  /**
   * Adds {@code timeline}, {@code tasks} and {@code processes} of the record to a page's model, and {@code
   * taskApi}: where its "Add a task" form posts.
   *
   * @param collection the record's collection under /api: {@code leads}
   */
  void addTo(Model model, String collection, String recordId, WorkspaceUser user) {
    model.addAttribute("timeline", timeline.of(recordId));
    model.addAttribute("tasks", openTasks(recordId, user));
    model.addAttribute("processes", processes(recordId));
    model.addAttribute("taskApi", "/api/" + collection + "/" + recordId + "/tasks");
  }

  /** An open user task of the record; {@code link} opens it in Tasklist (a path on this host). */
  record OpenTask(String id, String name, String assignee, Instant created, Instant due, String link) {
  }

  /** A process instance of the record; {@code link} opens it in Cockpit while it runs, else null. */
  record ProcessRun(String id, String process, String state, Instant started, Instant ended, String link) {
  }

  /**
   * The record's open tasks the user can see, looked up under their Camunda authorizations: the ones
   * Tasklist would show them, and no others.
   */
  List<OpenTask> openTasks(String recordId, WorkspaceUser user) {
    identityService.setAuthentication(user.id(), user.groups());
    try {
      List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(recordId).active()
          .orderByTaskCreateTime().asc().listPage(0, LIMIT);
      Map<String, String> titles = recordTasks.titlesOf(tasks.stream().map(Task::getId).toList());
      return tasks.stream()
          .map(task -> new OpenTask(task.getId(), titles.getOrDefault(task.getId(), task.getName()), task.getAssignee(),
              instant(task.getCreateTime()), instant(task.getDueDate()), TasklistLinks.taskPath(task.getId())))
          .toList();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The record's process instances, oldest first; only running ones link to Cockpit, which shows no others. */
  List<ProcessRun> processes(String recordId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recordId)
        .orderByProcessInstanceStartTime().asc().listPage(0, LIMIT).stream()
        .map(instance -> new ProcessRun(instance.getId(), name(instance), instance.getState(),
            instant(instance.getStartTime()), instant(instance.getEndTime()),
            instance.getEndTime() == null ? TasklistLinks.processInstancePath(instance.getId()) : null))
        .toList();
  }

  private static String name(HistoricProcessInstance instance) {
    return instance.getProcessDefinitionName() != null ? instance.getProcessDefinitionName()
        : instance.getProcessDefinitionKey();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}

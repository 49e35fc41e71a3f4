package io.crmflow.tasklist;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * Finds the record behind a task. The task is looked up as the calling user, under Camunda's
 * authorizations, so a task the user cannot see in Tasklist is "not found" here too and tells
 * nothing about its record. Whether the user may read the record itself is then up to the record's
 * own API, which the plug-in calls as the same user.
 */
@Service
class TaskRecords {

  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TaskRecordTypes types;

  TaskRecords(TaskService taskService, RepositoryService repositoryService, RuntimeService runtimeService,
      IdentityService identityService, TaskRecordTypes types) {
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.types = types;
  }

  /** The record behind the task, if the user can see the task and its process has a record type. */
  Optional<TaskRecord> of(String taskId, String userId, Collection<String> groupIds) {
    Task task = visibleTask(taskId, userId, groupIds);
    if (task == null || task.getProcessInstanceId() == null) {
      return Optional.empty();
    }
    // the user may see the task: the rest is read without their authorizations (a worker has no
    // READ on the process instance, only on the task)
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    if (instance == null || instance.getBusinessKey() == null) {
      return Optional.empty();
    }
    String id = instance.getBusinessKey();
    // one path segment, whatever the key holds: the links can point at this record only
    String segment = UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    return types.of(repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey(),
            name -> runtimeService.getVariable(instance.getId(), name))
        .map(type -> new TaskRecord(type.type().id(), id, type.appPath() + segment, type.apiPath() + segment,
            task.getTaskDefinitionKey()));
  }

  private Task visibleTask(String taskId, String userId, Collection<String> groupIds) {
    identityService.setAuthentication(userId, List.copyOf(groupIds));
    try {
      return taskService.createTaskQuery().taskId(taskId).singleResult();
    } finally {
      identityService.clearAuthentication();
    }
  }
}

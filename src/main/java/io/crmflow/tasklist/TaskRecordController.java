package io.crmflow.tasklist;

import io.crmflow.shared.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The record behind a Tasklist task, for crmflow's Tasklist plug-in: 404 when the task does not
 * exist, the caller cannot see it, or its process works on no record.
 */
@RestController
class TaskRecordController {

  private final TaskRecords taskRecords;

  TaskRecordController(TaskRecords taskRecords) {
    this.taskRecords = taskRecords;
  }

  @GetMapping("/api/tasks/{taskId}/record")
  TaskRecord record(@PathVariable String taskId, Authentication caller) {
    return taskRecords.of(taskId, caller.getName(),
            caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList())
        .orElseThrow(() -> new NotFoundException("Task", taskId));
  }
}

package io.crmflow.recordtask;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A task added to a record, as {@code GET /api/{leads|…}/{id}/tasks} lists it.
 *
 * @param status   {@code open} or {@code done}
 * @param taskId   the Tasklist task while it is open
 * @param tasklist the task in Tasklist (a path on crmflow's host) while it is open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordTask(String id, String recordType, String recordId, String title, Instant due, String assignee,
    String status, String taskId, String tasklist, String createdBy, Instant createdAt, String completedBy,
    Instant completedAt) {

  static final String OPEN = "open";
  static final String DONE = "done";
}

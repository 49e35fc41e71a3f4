package io.crmflow.recordtask;

import io.crmflow.shared.NotFoundException;
import io.crmflow.web.IdempotentRequests;
import io.crmflow.web.IdempotentRequests.Answer;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tasks on a lead, opportunity, quote or case: who may call is the record's readers (SecurityConfiguration);
 * an unknown record is 404.
 */
@RestController
@RequestMapping("/api/{collection:leads|opportunities|quotes|cases}/{recordId}/tasks")
class RecordTaskController {

  private final RecordTasks recordTasks;
  private final IdempotentRequests idempotentRequests;
  private final Map<String, TaskableRecord> records;

  RecordTaskController(RecordTasks recordTasks, IdempotentRequests idempotentRequests, List<TaskableRecord> records) {
    this.recordTasks = recordTasks;
    this.idempotentRequests = idempotentRequests;
    this.records = records.stream()
        .collect(Collectors.toUnmodifiableMap(TaskableRecord::collection, Function.identity()));
  }

  /**
   * 201 and the new task: "To do" in the assignee's Tasklist, due when asked, with the title shown on its
   * Record tab. With an {@code Idempotency-Key}, a repeat adds nothing and answers the same.
   */
  @PostMapping
  @ApiResponse(responseCode = "201", description = "The task was added",
      content = @Content(schema = @Schema(implementation = RecordTask.class)))
  ResponseEntity<Object> add(
      @Parameter(description = "leads, opportunities, quotes or cases") @PathVariable String collection,
      @PathVariable String recordId, @Valid @RequestBody RecordTaskRequest request,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey, Principal principal) {
    TaskableRecord record = record(collection);
    return idempotentRequests.execute(principal.getName(), idempotencyKey, request, () -> {
      RecordTask task = recordTasks.add(record, recordId, request, principal.getName());
      return new Answer(HttpStatus.CREATED,
          URI.create("/api/" + collection + "/" + recordId + "/tasks/" + task.id()), task.id(), task);
    }, recordTasks::get);
  }

  /** The record's tasks, open ones first (soonest due first), then those done. */
  @GetMapping
  List<RecordTask> list(@Parameter(description = "leads, opportunities, quotes or cases") @PathVariable String collection,
      @PathVariable String recordId) {
    return recordTasks.of(record(collection), recordId);
  }

  @GetMapping("/{recordTaskId}")
  RecordTask get(@Parameter(description = "leads, opportunities, quotes or cases") @PathVariable String collection,
      @PathVariable String recordId, @PathVariable String recordTaskId) {
    return recordTasks.get(record(collection), recordId, recordTaskId);
  }

  private TaskableRecord record(String collection) {
    TaskableRecord record = records.get(collection);
    if (record == null) {
      throw new NotFoundException("Collection", collection);
    }
    return record;
  }
}

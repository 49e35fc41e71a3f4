package io.crmflow.recordtask;

import io.crmflow.audit.AuditLog;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.tasklist.TasklistLinks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks people add to records: the row with the title in {@code crm_record_task}, and the record-task process
 * that puts "To do" into Tasklist, in one transaction.
 */
@Service
public class RecordTasks {

  private static final String COLUMNS = """
      id, record_type, record_id, title, due_at, assignee, task_id, created_by, created_at, completed_by, completed_at
      """;

  private final JdbcClient jdbc;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final AuditLog auditLog;

  RecordTasks(JdbcClient jdbc, RuntimeService runtimeService, TaskService taskService, IdentityService identityService,
      AuditLog auditLog) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.auditLog = auditLog;
  }

  /** Adds a task to the record for the request's assignee (the caller when it names none). */
  @Transactional
  public RecordTask add(TaskableRecord record, String recordId, RecordTaskRequest request, String caller) {
    requireRecord(record, recordId);
    String assignee = request.assignee() == null ? caller : request.assignee();
    if (!mayWorkOn(record, assignee)) {
      throw new InvalidFieldException("assignee", "must be a user who may read the " + record.type().id());
    }
    Instant due = request.due().toInstant();
    Map<String, Object> variables = new HashMap<>();
    RecordTaskProcess.RECORD_TYPE.putInto(variables, record.type().id());
    RecordTaskProcess.ASSIGNEE.putInto(variables, assignee);
    RecordTaskProcess.CANDIDATE_GROUPS.putInto(variables, String.join(",", record.candidateGroups()));
    RecordTaskProcess.DUE.putInto(variables, Date.from(due));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(RecordTaskProcess.KEY, recordId, variables);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into crm_record_task (id, record_type, record_id, title, due_at, assignee, created_by, created_at,
              process_instance_id, task_id)
            values (:id, :recordType, :recordId, :title, :due, :assignee, :createdBy, :createdAt, :processInstanceId,
              :taskId)
            """)
        .param("id", id).param("recordType", record.type().id()).param("recordId", recordId)
        .param("title", request.title().strip()).param("due", Timestamp.from(due)).param("assignee", assignee)
        .param("createdBy", caller).param("createdAt", Timestamp.from(Instant.now()))
        .param("processInstanceId", instance.getId()).param("taskId", task.getId())
        .update();
    // who, for whom and by when; not the title, which is free text
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("recordTaskId", id);
    details.put("assignee", assignee);
    details.put("due", due.toString());
    auditLog.record(caller, record.type().id() + ".task-added", record.type(), recordId, instance.getId(), details);
    return get(id);
  }

  /** The record's tasks: open ones first, soonest due first; then those done, latest first. */
  public List<RecordTask> of(TaskableRecord record, String recordId) {
    requireRecord(record, recordId);
    return jdbc.sql("select " + COLUMNS + """
             from crm_record_task where record_id = :recordId
            order by case when completed_at is null then 0 else 1 end, due_at, completed_at desc, id
            """)
        .param("recordId", recordId).query(RecordTasks::recordTask).list();
  }

  /** One task of the record. */
  public RecordTask get(TaskableRecord record, String recordId, String id) {
    requireRecord(record, recordId);
    RecordTask task = get(id);
    if (!task.recordId().equals(recordId)) {
      throw new NotFoundException("Task", id);
    }
    return task;
  }

  public RecordTask get(String id) {
    return jdbc.sql("select " + COLUMNS + " from crm_record_task where id = :id").param("id", id)
        .query(RecordTasks::recordTask).optional()
        .orElseThrow(() -> new NotFoundException("Task", id));
  }

  /** The titles of those of the Tasklist tasks that are record tasks, by task id. */
  public Map<String, String> titlesOf(Collection<String> taskIds) {
    if (taskIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> titles = new HashMap<>();
    jdbc.sql("select task_id, title from crm_record_task where task_id in (:taskIds)").param("taskIds", taskIds)
        .query(rs -> {
          titles.put(rs.getString(1), rs.getString(2));
        });
    return titles;
  }

  /** The task of this process instance was given to someone else (in Tasklist, say). */
  void reassigned(String processInstanceId, String assignee) {
    jdbc.sql("update crm_record_task set assignee = :assignee where process_instance_id = :processInstanceId")
        .param("assignee", assignee).param("processInstanceId", processInstanceId).update();
  }

  /** The task of this process instance was completed: it is done. */
  void done(String processInstanceId, String userId, Instant when) {
    jdbc.sql("""
            update crm_record_task set completed_at = :when, completed_by = :userId, task_id = null
            where process_instance_id = :processInstanceId
            """)
        .param("when", Timestamp.from(when)).param("userId", userId).param("processInstanceId", processInstanceId)
        .update();
  }

  private static void requireRecord(TaskableRecord record, String recordId) {
    if (!record.exists().test(recordId)) {
      throw new NotFoundException(record.type(), recordId);
    }
  }

  private boolean mayWorkOn(TaskableRecord record, String userId) {
    return identityService.createUserQuery().userId(userId).count() == 1
        && identityService.createGroupQuery().groupMember(userId)
            .groupIdIn(record.readers().toArray(String[]::new)).count() > 0;
  }

  private static RecordTask recordTask(ResultSet rs, int row) throws SQLException {
    String taskId = rs.getString("task_id");
    Instant completedAt = instant(rs.getTimestamp("completed_at"));
    return new RecordTask(rs.getString("id"), rs.getString("record_type"), rs.getString("record_id"),
        rs.getString("title"), instant(rs.getTimestamp("due_at")), rs.getString("assignee"),
        completedAt == null ? RecordTask.OPEN : RecordTask.DONE, taskId,
        taskId == null ? null : TasklistLinks.taskPath(taskId), rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")), rs.getString("completed_by"), completedAt);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

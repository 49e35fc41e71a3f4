package io.crmflow.recordtask;

import io.crmflow.process.ProcessVariable;
import io.crmflow.tasklist.TaskRecordType;
import java.util.Date;

/**
 * The record-task process (bpmn/record-task.bpmn): one "To do" task, started by {@link RecordTasks#add}
 * with the record's id as business key. Its variables say who, by when and on which kind of record;
 * the title is crmflow's ({@code crm_record_task}).
 */
public final class RecordTaskProcess {

  public static final String KEY = "record-task";

  public static final String START_TASK_ADDED = "StartEvent_TaskAdded";
  public static final String TASK_TO_DO = "Task_ToDo";
  public static final String END_DONE = "EndEvent_Done";

  /** The form of "To do" (bpmn/forms/record-task.form): it points to the title on the Record tab. */
  public static final String FORM = "record-task";

  /** The record's type, {@code lead}: the Tasklist plug-in and the audit log read the record through it. */
  public static final ProcessVariable<String> RECORD_TYPE =
      ProcessVariable.of(TaskRecordType.RECORD_TYPE_VARIABLE, String.class);
  public static final ProcessVariable<String> ASSIGNEE = ProcessVariable.of("assignee", String.class);
  /** Comma-separated group ids, as {@code camunda:candidateGroups} reads them. */
  public static final ProcessVariable<String> CANDIDATE_GROUPS = ProcessVariable.of("candidateGroups", String.class);
  public static final ProcessVariable<Date> DUE = ProcessVariable.of("due", Date.class);

  private RecordTaskProcess() {
  }
}

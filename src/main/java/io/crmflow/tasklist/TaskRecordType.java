package io.crmflow.tasklist;

import io.crmflow.shared.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which record the user tasks of one process work on, declared as a bean by the package that owns
 * the process (e.g. {@code LeadTaskRecords}), so the Tasklist plug-in can show it. The process's
 * business key is the record's id; a new process with user tasks adds one such bean.
 *
 * @param processKey the process definition key
 * @param type       the record type the plug-in shows: lead, case or quote
 * @param apiPath    crmflow's API for the record, the id appended: {@code /api/leads/}
 * @param appPath    crmflow's page for the record, the id appended: {@code /app/leads/}
 */
public record TaskRecordType(String processKey, RecordType type, String apiPath, String appPath) {

  public TaskRecordType {
    Objects.requireNonNull(processKey, "processKey");
    Objects.requireNonNull(type, "type");
    if (!apiPath.endsWith("/") || !appPath.endsWith("/")) {
      throw new IllegalArgumentException("apiPath and appPath end with '/', the record id follows");
    }
  }

  /** The declared types by process key. */
  public static Map<String, TaskRecordType> byProcess(List<TaskRecordType> types) {
    return types.stream().collect(Collectors.toUnmodifiableMap(TaskRecordType::processKey, Function.identity()));
  }
}

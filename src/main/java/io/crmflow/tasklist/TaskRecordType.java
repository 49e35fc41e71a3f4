package io.crmflow.tasklist;

import io.crmflow.shared.RecordType;
import java.util.Objects;

/**
 * Which record the user tasks of one process work on, declared as a bean by the package that owns
 * the process (e.g. {@code LeadTaskRecords}), so the Tasklist plug-in can show it. The process's
 * business key is the record's id; a new process with user tasks adds one such bean.
 *
 * <p>A process whose instances work on records of different types (a to-do added to any record) declares
 * none: each instance names its type in the variable {@link #RECORD_TYPE_VARIABLE} instead, and
 * {@link TaskRecordTypes} takes the paths from the processes that declare that type.
 *
 * @param processKey the process definition key
 * @param type       the record type the plug-in shows: lead, case or quote
 * @param apiPath    crmflow's API for the record, the id appended: {@code /api/leads/}
 * @param appPath    crmflow's page for the record, the id appended: {@code /app/leads/}
 */
public record TaskRecordType(String processKey, RecordType type, String apiPath, String appPath) {

  /**
   * The process variable naming an instance's record type, see above: {@code lead} ({@link RecordType#id()}), or
   * {@code Lead} as record-change messages set it ({@link RecordType#label()}).
   */
  public static final String RECORD_TYPE_VARIABLE = "recordType";

  public TaskRecordType {
    Objects.requireNonNull(processKey, "processKey");
    Objects.requireNonNull(type, "type");
    if (!apiPath.endsWith("/") || !appPath.endsWith("/")) {
      throw new IllegalArgumentException("apiPath and appPath end with '/', the record id follows");
    }
  }
}

package io.crmflow.tasklist;

import io.crmflow.shared.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The declared {@link TaskRecordType}s: which record a process instance works on, by its process or its variable. */
@Component
public class TaskRecordTypes {

  private final Map<String, TaskRecordType> byProcess;
  private final Map<RecordType, TaskRecordType> byRecordType;

  TaskRecordTypes(List<TaskRecordType> types) {
    this.byProcess = types.stream()
        .collect(Collectors.toUnmodifiableMap(TaskRecordType::processKey, Function.identity()));
    // several processes may work on one type of record: they share its paths, any one serves
    this.byRecordType = types.stream()
        .collect(Collectors.toUnmodifiableMap(TaskRecordType::type, Function.identity(), (first, other) -> first));
  }

  /**
   * The record type of an instance of the process: the process's own declaration, else the type its
   * {@link TaskRecordType#RECORD_TYPE_VARIABLE} names.
   *
   * @param variable reads a variable of the instance; only asked when the process declares no type
   */
  public Optional<TaskRecordType> of(String processKey, Function<String, Object> variable) {
    TaskRecordType declared = byProcess.get(processKey);
    if (declared != null) {
      return Optional.of(declared);
    }
    return variable.apply(TaskRecordType.RECORD_TYPE_VARIABLE) instanceof String name
        ? RecordType.named(name).map(byRecordType::get)
        : Optional.empty();
  }
}

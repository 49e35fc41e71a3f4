package io.crmflow.recordtask;

import io.crmflow.shared.RecordType;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A kind of record people may add tasks to, declared as a bean by the module that owns it (e.g. {@code
 * LeadTaskRecords}).
 *
 * @param type            the record type
 * @param collection      its collection under /api: {@code leads} in {@code /api/leads/{id}/tasks}
 * @param candidateGroups the team a task of this record is offered to besides its assignee, with the team's
 *                        supervisors: they see it in Tasklist and take it over when the assignee is away
 * @param readers         the groups that may read the record: who may add a task, and be given one
 * @param exists          whether a record of this type has the id
 */
public record TaskableRecord(RecordType type, String collection, List<String> candidateGroups, List<String> readers,
    Predicate<String> exists) {

  public TaskableRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(collection, "collection");
    candidateGroups = List.copyOf(candidateGroups);
    readers = List.copyOf(readers);
    Objects.requireNonNull(exists, "exists");
  }
}

package io.crmflow.recordtask;

import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import io.crmflow.web.IdempotentRequests;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tasks on the person's records in export and erasure. A title is free text that may name the person, so
 * erasure deletes the tasks (their record-task processes are cancelled with the records' other processes).
 */
@Component
@Order(70)
class RecordTaskPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final RecordTasks recordTasks;
  private final IdempotentRequests idempotentRequests;

  RecordTaskPersonalData(JdbcClient jdbc, RecordTasks recordTasks, IdempotentRequests idempotentRequests) {
    this.jdbc = jdbc;
    this.recordTasks = recordTasks;
    this.idempotentRequests = idempotentRequests;
  }

  @Override
  public String category() {
    return "tasks";
  }

  /** None of its own: tasks are on the other holders' records. */
  @Override
  public List<String> recordIds(String contactId) {
    return List.of();
  }

  @Override
  public Object export(DataSubject subject) {
    return idsOnRecords(subject).stream().map(recordTasks::get).toList();
  }

  @Override
  public int erase(DataSubject subject) {
    List<String> ids = idsOnRecords(subject);
    for (String id : ids) {
      // a replayed POST would answer with the task
      idempotentRequests.forgetAnswersMentioning(id);
      jdbc.sql("delete from crm_record_task where id = :id").param("id", id).update();
    }
    return ids.size();
  }

  private List<String> idsOnRecords(DataSubject subject) {
    if (subject.recordIds().isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id from crm_record_task where record_id in (:recordIds) order by created_at, id")
        .param("recordIds", subject.recordIds()).query(String.class).list();
  }
}

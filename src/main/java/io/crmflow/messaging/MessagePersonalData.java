package io.crmflow.messaging;

import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The message log in export and erasure: messages sent to the person's contact and messages about
 * them sent to staff. Erasure anonymises the rows — recipient, name, a deferred message's model and
 * provider detail go; template, status and times stay, so sends are still counted and a retried job
 * still recognises its message.
 */
@Component
@Order(90)
class MessagePersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final MessageLog messageLog;

  MessagePersonalData(JdbcClient jdbc, MessageLog messageLog) {
    this.jdbc = jdbc;
    this.messageLog = messageLog;
  }

  @Override
  public String category() {
    return "messages";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return List.of();
  }

  @Override
  public Object export(DataSubject subject) {
    return ids(subject).stream().flatMap(id -> messageLog.findById(id).stream()).toList();
  }

  @Override
  public int erase(DataSubject subject) {
    int erased = 0;
    for (String id : ids(subject)) {
      // a message still deferred goes no more: there is no one left to send it to
      erased += jdbc.sql("""
              update crm_message set recipient = null, recipient_name = null, model_json = null, detail = null,
                status = case when status = 'DEFERRED' then 'SUPPRESSED' else status end,
                deferred_until = null, updated_at = :now
              where id = :id
              """)
          .param("id", id).param("now", Timestamp.from(Instant.now())).update();
    }
    return erased;
  }

  /** The messages to or about the contact, and any logged against one of its records. */
  private List<String> ids(DataSubject subject) {
    return jdbc.sql("""
            select id from crm_message
            where contact_id = :contactId or record_id in (:recordIds)
            order by created_at, id
            """)
        .param("contactId", subject.contactId())
        // "in ()" is not valid SQL: an id no record has stands in for an empty list
        .param("recordIds", subject.recordIds().isEmpty() ? List.of("-") : subject.recordIds())
        .query(String.class).list();
  }
}

package io.crmflow.quote;

import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Quotes in export and erasure: those of the person's contact. Their approval processes
 * (business key = quote id) are cancelled and their history deleted with the rest; the approver's
 * free-text rejection reason goes, amounts and lines stay.
 */
@Component
@Order(30)
class QuotePersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;

  QuotePersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String category() {
    return "quotes";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return jdbc.sql("select id from crm_quote where contact_id = :contactId order by created_at, id")
        .param("contactId", contactId).query(String.class).list();
  }

  @Override
  public Object export(DataSubject subject) {
    List<String> ids = recordIds(subject.contactId());
    return ids.isEmpty() ? List.of() : jdbc.sql("select * from crm_quote where id in (:ids) order by created_at")
        .param("ids", ids).query().listOfRows();
  }

  @Override
  public int erase(DataSubject subject) {
    List<String> ids = subject.recordIds().stream()
        .filter(id -> jdbc.sql("select count(*) from crm_quote where id = :id").param("id", id)
            .query(Long.class).single() > 0)
        .toList();
    for (String id : ids) {
      jdbc.sql("update crm_quote set rejection_reason = null where id = :id").param("id", id).update();
    }
    return ids.size();
  }
}

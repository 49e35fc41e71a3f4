package io.crmflow.opportunity;

import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opportunities in export and erasure: those of the person's contact. They hold no personal
 * field of their own (the owner is a salesperson), but their processes and history are the
 * person's, so their ids take part in the erasure.
 */
@Component
@Order(20)
class OpportunityPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final OpportunityRepository opportunities;

  OpportunityPersonalData(JdbcClient jdbc, OpportunityRepository opportunities) {
    this.jdbc = jdbc;
    this.opportunities = opportunities;
  }

  @Override
  public String category() {
    return "opportunities";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return jdbc.sql("select id from crm_opportunity where contact_id = :contactId order by created_at, id")
        .param("contactId", contactId).query(String.class).list();
  }

  @Override
  public Object export(DataSubject subject) {
    return subject.recordIds().stream().flatMap(id -> opportunities.findById(id).stream()).toList();
  }

  @Override
  public int erase(DataSubject subject) {
    return (int) subject.recordIds().stream().filter(id -> opportunities.findById(id).isPresent()).count();
  }
}

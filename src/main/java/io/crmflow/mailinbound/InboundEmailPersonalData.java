package io.crmflow.mailinbound;

import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inbound emails in export and erasure: those answering a message to the person, about one of their records, or
 * sent from one of their addresses (the unmatched ones have nothing else to go by). Erasure takes sender, subject
 * and text; what the email became and when stay.
 */
@Component
@Order(95)
class InboundEmailPersonalData implements PersonalDataHolder {

  private static final String OF_THE_SUBJECT = """
       from crm_inbound_email
      where contact_id = :contactId or record_id in (:recordIds) or sender in (:addresses)
      """;

  private final JdbcClient jdbc;

  InboundEmailPersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String category() {
    return "inboundEmails";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return List.of();
  }

  @Override
  public Object export(DataSubject subject) {
    return withParameters("select id, outcome, unmatched_reason, record_type, record_id, record_task_id, sender, "
        + "subject, body, received_at" + OF_THE_SUBJECT + " order by received_at, id", subject)
        .query(InboundEmails::inboundEmail).list();
  }

  @Override
  public int erase(DataSubject subject) {
    return withParameters("update crm_inbound_email set sender = null, subject = null, body = null where id in "
        + "(select id" + OF_THE_SUBJECT + ")", subject).update();
  }

  private JdbcClient.StatementSpec withParameters(String sql, DataSubject subject) {
    // "in ()" is not valid SQL: a value nothing has stands in for an empty list
    return jdbc.sql(sql).param("contactId", subject.contactId())
        .param("recordIds", subject.recordIds().isEmpty() ? List.of("-") : subject.recordIds())
        .param("addresses", subject.addresses().isEmpty() ? List.of("-") : subject.addresses());
  }
}

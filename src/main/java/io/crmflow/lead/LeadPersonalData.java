package io.crmflow.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import io.crmflow.web.IdempotentRequests;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Leads in export and erasure: every lead of the person's contact. */
@Component
@Order(10)
class LeadPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;
  private final LeadRepository leads;
  private final IdempotentRequests idempotentRequests;
  private final ObjectMapper objectMapper;

  LeadPersonalData(JdbcClient jdbc, LeadRepository leads, IdempotentRequests idempotentRequests,
      ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
    this.leads = leads;
    this.idempotentRequests = idempotentRequests;
  }

  @Override
  public String category() {
    return "leads";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return jdbc.sql("select id from crm_lead where contact_id = :contactId order by created_at, id")
        .param("contactId", contactId).query(String.class).list();
  }

  @Override
  public Object export(DataSubject subject) {
    return recordIds(subject.contactId()).stream().map(id -> {
      Map<String, Object> lead = objectMapper.convertValue(leads.findById(id).orElseThrow(),
          new TypeReference<LinkedHashMap<String, Object>>() { });
      leads.reviewNote(id).ifPresent(note -> lead.put("reviewNote", note));
      return lead;
    }).toList();
  }

  /** The person's details are their contact's; a lead keeps only the reviewer's note about them. */
  @Override
  public int erase(DataSubject subject) {
    List<String> ids = recordIds(subject.contactId());
    for (String id : ids) {
      // the answers to the submissions mention the lead; the stored request fingerprint derives from the address
      idempotentRequests.forgetAnswersMentioning(id);
    }
    // scoring facts, status and timestamps stay for statistics
    return jdbc.sql("update crm_lead set review_note = null, updated_at = :now where contact_id = :contactId")
        .param("contactId", subject.contactId())
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }
}

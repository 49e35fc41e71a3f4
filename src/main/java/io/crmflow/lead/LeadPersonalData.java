package io.crmflow.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.privacy.DataSubject;
import io.crmflow.privacy.PersonalDataHolder;
import io.crmflow.web.IdempotentRequests;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Leads in export and erasure: every lead submitted with the address. */
@Component
@Order(10)
class LeadPersonalData implements PersonalDataHolder {

  /** What an erased lead's personal fields read afterwards. */
  static final String ERASED = "(erased)";

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
  public List<String> recordIds(String email) {
    return jdbc.sql("select id from crm_lead where email_normalized = :email order by created_at")
        .param("email", email.strip().toLowerCase(Locale.ROOT)).query(String.class).list();
  }

  @Override
  public Object export(DataSubject subject) {
    return recordIds(subject.email()).stream().map(id -> {
      Map<String, Object> lead = objectMapper.convertValue(leads.findById(id).orElseThrow(),
          new TypeReference<LinkedHashMap<String, Object>>() { });
      leads.reviewNote(id).ifPresent(note -> lead.put("reviewNote", note));
      return lead;
    }).toList();
  }

  @Override
  public int erase(DataSubject subject) {
    List<String> ids = recordIds(subject.email());
    for (String id : ids) {
      // the answers to the submissions mention the lead; the stored request fingerprint derives from the address
      idempotentRequests.forgetAnswersMentioning(id);
    }
    // scoring facts, status and timestamps stay for statistics; everything naming the person goes
    return jdbc.sql("""
            update crm_lead set name = :erased, email = :erased, email_normalized = :erased, phone = null,
              company = null, marketing_consent = false, open_intake_email = null, review_note = null,
              updated_at = :now
            where email_normalized = :email
            """)
        .param("erased", ERASED)
        .param("email", subject.normalizedEmail())
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }
}

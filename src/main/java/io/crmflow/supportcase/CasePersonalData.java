package io.crmflow.supportcase;

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

/**
 * Support cases in export and erasure: every case of the person's contact, with its replies. Their
 * processes (business key = case id) are cancelled and their history deleted with the rest.
 * Erasure removes every free text (subject, description, resolution,
 * replies) and closes the case, whose process no longer runs; category, routing facts, times, the
 * refund amount and status and the payment references stay, for statistics and the books.
 */
@Component
@Order(40)
class CasePersonalData implements PersonalDataHolder {

  /** What an erased case's required text fields read afterwards. */
  static final String ERASED = "(erased)";

  private final JdbcClient jdbc;
  private final CaseRepository cases;
  private final IdempotentRequests idempotentRequests;

  CasePersonalData(JdbcClient jdbc, CaseRepository cases, IdempotentRequests idempotentRequests) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.idempotentRequests = idempotentRequests;
  }

  @Override
  public String category() {
    return "cases";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return jdbc.sql("select id from crm_case where contact_id = :contactId order by created_at, id")
        .param("contactId", contactId).query(String.class).list();
  }

  @Override
  public Object export(DataSubject subject) {
    return recordIds(subject.contactId()).stream()
        .map(id -> {
          Map<String, Object> supportCase = new LinkedHashMap<>();
          supportCase.put("case", cases.findById(id).orElseThrow());
          supportCase.put("replies", cases.replies(id));
          return supportCase;
        })
        .toList();
  }

  @Override
  public int erase(DataSubject subject) {
    List<String> ids = recordIds(subject.contactId());
    Timestamp now = Timestamp.from(Instant.now());
    for (String id : ids) {
      // the stored answers to POST /api/cases and to replies name the case
      idempotentRequests.forgetAnswersMentioning(id);
      jdbc.sql("update crm_case_reply set message = :erased where case_id = :id")
          .param("erased", ERASED).param("id", id).update();
      jdbc.sql("""
              update crm_case set subject = :erased,
                description = :erased, resolution = null, updated_at = :now,
                status = :closed, closed_at = coalesce(closed_at, :now)
              where id = :id
              """)
          .param("erased", ERASED).param("id", id).param("now", now).param("closed", CaseStatus.CLOSED.name())
          .update();
    }
    return ids.size();
  }
}

package io.crmflow.inbound;

import io.crmflow.web.UniqueInserts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * "A provider event is handled once", for every inbound channel: the provider's id of each event is
 * recorded (crm_inbound_event) in the transaction that handles it. A repeat — the provider retrying a
 * call whose answer it missed, or the same call twice at once — finds it and changes nothing; an event
 * whose handling failed left no row, so its retry is handled afresh.
 */
@Component
public class InboundEvents {

  private final JdbcClient jdbc;
  private final UniqueInserts uniqueInserts;

  InboundEvents(JdbcClient jdbc, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    this.uniqueInserts = uniqueInserts;
  }

  /**
   * Claims the event for the caller's transaction. A concurrent claim of the same event waits for this
   * transaction and then gets false.
   *
   * @param provider e.g. {@code twilio}
   * @param eventId  the provider's id of the event
   * @param kind     what it is, e.g. {@code sms}, {@code sms-status}
   * @return true the first time; false when the event was handled already
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean claim(String provider, String eventId, String kind) {
    return uniqueInserts.insertUnlessPresent("""
            insert into crm_inbound_event (provider, event_id, kind, outcome, received_at)
            values (:provider, :eventId, :kind, 'received', :now)""",
        Map.of("provider", provider, "eventId", eventId, "kind", kind, "now", Timestamp.from(Instant.now())));
  }

  /**
   * What became of a claimed event, and what it went to (null: nothing).
   *
   * @param outcome    a word or two, no personal data: {@code sms-consent-withdrawn}, {@code case-reply}…
   * @param recordType a {@link io.crmflow.shared.RecordType#id()}, or {@code message} (the message log)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void settle(String provider, String eventId, String outcome, String recordType, String recordId) {
    jdbc.sql("""
            update crm_inbound_event set outcome = :outcome, record_type = :recordType, record_id = :recordId
            where provider = :provider and event_id = :eventId
            """)
        .param("outcome", outcome).param("recordType", recordType)
        .param("recordId", recordId).param("provider", provider).param("eventId", eventId)
        .update();
  }

  /** What became of the event; null when it was never received. */
  public String outcomeOf(String provider, String eventId) {
    return jdbc.sql("select outcome from crm_inbound_event where provider = :provider and event_id = :eventId")
        .param("provider", provider).param("eventId", eventId).query(String.class).optional().orElse(null);
  }
}

package io.crmflow.mailinbound;

import io.crmflow.web.Savepoints;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which provider events were handled ({@code crm_mail_provider_event}): providers deliver at least once, so each
 * event is processed once by its id. The row is written in the transaction that processes the event: if processing
 * fails, the row goes with it and the provider's retry is processed; two deliveries at once wait for each other on
 * the key and the second finds the first's row.
 */
@Component
class ProviderEvents {

  static final String MAILGUN = "mailgun";

  private final JdbcClient jdbc;
  private final Savepoints savepoints;

  ProviderEvents(JdbcClient jdbc, Savepoints savepoints) {
    this.jdbc = jdbc;
    this.savepoints = savepoints;
  }

  /** Records the event; false when it was recorded before (a repeat delivery, not to be processed again). */
  @Transactional(propagation = Propagation.MANDATORY)
  boolean firstDelivery(String provider, String eventId, String kind) {
    return savepoints.insertUnlessPresent(() -> jdbc.sql("""
            insert into crm_mail_provider_event (provider, event_id, kind, received_at)
            values (:provider, :eventId, :kind, :now)
            """)
        .param("provider", provider).param("eventId", eventId).param("kind", kind)
        .param("now", Timestamp.from(Instant.now()))
        .update());
  }
}

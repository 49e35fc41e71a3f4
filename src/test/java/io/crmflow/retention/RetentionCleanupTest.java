package io.crmflow.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 item 9: crmflow's logs no longer grow for ever. Rows past their retention go, younger ones
 * and deferred messages stay, and the day's run happens once however many instances start it.
 */
@ApiTest
class RetentionCleanupTest {

  @Autowired RetentionCleanup cleanup;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldDeleteWhatIsPastItsRetentionOncePerDay() {
    Instant now = Instant.now();
    Instant longAgo = now.minus(Duration.ofDays(3 * 365));
    String run = UUID.randomUUID().toString().substring(0, 8);
    idempotentAnswer(run + "-old", now.minus(Duration.ofDays(8)));
    idempotentAnswer(run + "-new", now.minus(Duration.ofDays(6)));
    String oldSent = message(run + "-old-sent", "SENT", longAgo);
    String oldDeferred = message(run + "-old-deferred", "DEFERRED", longAgo);
    String newSent = message(run + "-new-sent", "SENT", now.minus(Duration.ofDays(30)));
    String oldAudit = audit(longAgo);
    String newAudit = audit(now.minus(Duration.ofDays(700)));
    inboundEvent(run + "-old", now.minus(Duration.ofDays(91)));
    inboundEvent(run + "-new", now.minus(Duration.ofDays(89)));
    String oldUnmatched = unmatched(run + "-old", now.minus(Duration.ofDays(91)));
    String newUnmatched = unmatched(run + "-new", now.minus(Duration.ofDays(89)));
    jdbc.sql("delete from crm_maintenance_run where task = :task").param("task", RetentionCleanup.TASK).update();

    Map<String, Long> deleted = cleanup.runOnce(now);

    assertThat(deleted).containsKeys("idempotentRequests", "messages", "audit", "inboundEvents", "unmatchedInbound");
    assertThat(deleted.values()).allMatch(count -> count >= 1);
    assertThat(count("crm_idempotent_request", "idempotency_key", run + "-old")).isZero();
    assertThat(count("crm_idempotent_request", "idempotency_key", run + "-new")).isEqualTo(1);
    assertThat(count("crm_message", "id", oldSent)).isZero();
    assertThat(count("crm_message", "id", oldDeferred)).as("a deferred message waits to be sent").isEqualTo(1);
    assertThat(count("crm_message", "id", newSent)).isEqualTo(1);
    assertThat(count("crm_audit", "id", oldAudit)).isZero();
    assertThat(count("crm_audit", "id", newAudit)).isEqualTo(1);
    assertThat(count("crm_inbound_event", "event_id", run + "-old")).isZero();
    assertThat(count("crm_inbound_event", "event_id", run + "-new")).isEqualTo(1);
    assertThat(count("crm_inbound_unmatched", "id", oldUnmatched)).isZero();
    assertThat(count("crm_inbound_unmatched", "id", newUnmatched)).isEqualTo(1);

    idempotentAnswer(run + "-old-again", now.minus(Duration.ofDays(8)));
    assertThat(cleanup.runOnce(now)).as("the day's run happened already, here or elsewhere").isEmpty();
    assertThat(count("crm_idempotent_request", "idempotency_key", run + "-old-again")).isEqualTo(1);
  }

  private void idempotentAnswer(String key, Instant createdAt) {
    jdbc.sql("""
        insert into crm_idempotent_request (principal, idempotency_key, request_hash, status_code, created_at)
        values ('retention-test', :key, 'hash', 202, :at)""").param("key", key).param("at", Timestamp.from(createdAt))
        .update();
  }

  private String message(String key, String status, Instant createdAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into crm_message (id, message_key, channel, template, category, locale, recipient_kind, status,
          attempts, deferred_until, created_at, updated_at)
        values (:id, :key, 'EMAIL', 'product-news', 'MARKETING', 'en', 'contact', :status, 1, :deferredUntil, :at, :at)
        """)
        .param("id", id).param("key", key).param("status", status)
        .param("deferredUntil", status.equals("DEFERRED") ? Timestamp.from(Instant.now().plusSeconds(3600)) : null)
        .param("at", Timestamp.from(createdAt)).update();
    return id;
  }

  private void inboundEvent(String eventId, Instant receivedAt) {
    jdbc.sql("""
        insert into crm_inbound_event (provider, event_id, kind, outcome, received_at)
        values ('retention-test', :eventId, 'sms', 'help', :at)""")
        .param("eventId", eventId).param("at", Timestamp.from(receivedAt)).update();
  }

  private String unmatched(String eventId, Instant receivedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into crm_inbound_unmatched (id, provider, event_id, sender, reason, received_at)
        values (:id, 'retention-test', :eventId, '+442079460000', 'unknown-number', :at)""")
        .param("id", id).param("eventId", eventId).param("at", Timestamp.from(receivedAt)).update();
    return id;
  }

  private String audit(Instant occurredAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("insert into crm_audit (id, occurred_at, actor, action) values (:id, :at, 'retention-test', 'test.event')")
        .param("id", id).param("at", Timestamp.from(occurredAt)).update();
    return id;
  }

  private long count(String table, String column, String value) {
    return jdbc.sql("select count(*) from " + table + " where " + column + " = :value").param("value", value)
        .query(Long.class).single();
  }
}

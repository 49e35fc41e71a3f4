package io.crmflow.retention;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what crmflow's logs keep beyond their retention ({@link RetentionProperties}): stored
 * Idempotency-Key answers, the message log (never a message still deferred), the audit trail, the
 * provider events received and the inbound texts no record took. Once a
 * day, on one instance of the cluster (the day's row in crm_maintenance_run is the claim), in batches
 * on the created-at indexes.
 */
@Component
public class RetentionCleanup {

  static final String TASK = "retention";
  private static final Logger log = LoggerFactory.getLogger(RetentionCleanup.class);

  private final JdbcClient jdbc;
  private final RetentionProperties properties;

  RetentionCleanup(JdbcClient jdbc, RetentionProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  @Scheduled(cron = "${crmflow.retention.cron:0 30 3 * * *}")
  void runDaily() {
    runOnce(Instant.now());
  }

  /**
   * The clean-up of the day {@code now} falls on, unless another instance already ran it.
   *
   * @return rows deleted per log; empty when the day's run was another instance's
   */
  public Map<String, Long> runOnce(Instant now) {
    if (!claim(LocalDate.ofInstant(now, ZoneOffset.UTC), now)) {
      return Map.of();
    }
    Map<String, Long> deleted = new LinkedHashMap<>();
    deleted.put("idempotentRequests", deleteBefore("crm_idempotent_request", "created_at", "1 = 1",
        now.minus(properties.idempotentRequests())));
    deleted.put("messages", deleteBefore("crm_message", "created_at", "status <> 'DEFERRED'",
        now.minus(properties.messages())));
    deleted.put("audit", deleteBefore("crm_audit", "occurred_at", "1 = 1", now.minus(properties.audit())));
    deleted.put("inboundEvents", deleteBefore("crm_inbound_event", "received_at", "1 = 1",
        now.minus(properties.inbound())));
    deleted.put("unmatchedInbound", deleteBefore("crm_inbound_unmatched", "received_at", "1 = 1",
        now.minus(properties.inbound())));
    log.info("Retention clean-up deleted {}", deleted);
    return deleted;
  }

  private boolean claim(LocalDate day, Instant now) {
    try {
      jdbc.sql("insert into crm_maintenance_run (task, run_date, started_at) values (:task, :day, :now)")
          .param("task", TASK).param("day", Date.valueOf(day)).param("now", Timestamp.from(now)).update();
      return true;
    } catch (DuplicateKeyException ranElsewhere) {
      return false;
    }
  }

  /** Deletes rows older than {@code cutoff} in batches; table, column and condition are this class's own. */
  private long deleteBefore(String table, String column, String condition, Instant cutoff) {
    String key = switch (table) {
      case "crm_idempotent_request" -> "principal, idempotency_key";
      case "crm_inbound_event" -> "provider, event_id";
      default -> "id";
    };
    String sql = "delete from " + table + " where (" + key + ") in (select " + key + " from " + table + " where "
        + column + " < :cutoff and " + condition + " fetch first " + properties.batchSize() + " rows only)";
    long total = 0;
    for (int batch; (batch = jdbc.sql(sql).param("cutoff", Timestamp.from(cutoff)).update()) > 0; ) {
      total += batch;
    }
    return total;
  }
}

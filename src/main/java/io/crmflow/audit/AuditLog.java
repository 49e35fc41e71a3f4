package io.crmflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.shared.RecordType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log: every human or API action that changes a record or a process. Entries are
 * written in the caller's transaction, so an action and its audit entry commit (or roll back)
 * together. Callers pass ids, action names, field names and non-personal values only — the log
 * outlives the erasure of a contact's data.
 */
@Component
public class AuditLog {

  /** The actor of changes no user made (job executor, timers). */
  public static final String SYSTEM = "system";
  private static final int MAX_DETAILS = 4000;

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;

  AuditLog(JdbcClient jdbc, ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
  }

  public void record(String actor, String action, RecordType recordType, String recordId, Map<String, ?> details) {
    record(actor, action, recordType, recordId, null, details);
  }

  public void record(String actor, String action, RecordType recordType, String recordId, String processInstanceId,
      Map<String, ?> details) {
    jdbc.sql("""
            insert into crm_audit (id, occurred_at, actor, action, record_type, record_id, process_instance_id, details)
            values (:id, :at, :actor, :action, :recordType, :recordId, :processInstanceId, :details)
            """)
        .param("id", UUID.randomUUID().toString())
        .param("at", Timestamp.from(Instant.now()))
        .param("actor", actor == null ? SYSTEM : actor)
        .param("action", action)
        .param("recordType", recordType == null ? null : recordType.id())
        .param("recordId", recordId)
        .param("processInstanceId", processInstanceId)
        .param("details", toJson(details))
        .update();
  }

  /** Search criteria; null means any. */
  public record Query(String recordId, String recordType, String actor, Instant from, Instant to, int limit) {
  }

  /** Newest first. */
  public List<AuditEntry> find(Query query) {
    return jdbc.sql("""
            select * from crm_audit
            where (cast(:recordId as varchar(100)) is null or record_id = :recordId)
              and (cast(:recordType as varchar(40)) is null or record_type = :recordType)
              and (cast(:actor as varchar(100)) is null or actor = :actor)
              and (cast(:from as timestamp with time zone) is null or occurred_at >= :from)
              and (cast(:to as timestamp with time zone) is null or occurred_at < :to)
            order by occurred_at desc, id
            fetch first :limit rows only
            """)
        .param("recordId", query.recordId())
        .param("recordType", query.recordType())
        .param("actor", query.actor())
        .param("from", query.from() == null ? null : Timestamp.from(query.from()))
        .param("to", query.to() == null ? null : Timestamp.from(query.to()))
        .param("limit", query.limit())
        .query(this::map)
        .list();
  }

  private AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(rs.getString("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
        rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"),
        rs.getString("process_instance_id"), rs.getString("details"));
  }

  private String toJson(Map<String, ?> details) {
    if (details == null || details.isEmpty()) {
      return null;
    }
    try {
      String json = objectMapper.writeValueAsString(details);
      return json.length() <= MAX_DETAILS ? json : objectMapper.writeValueAsString(Map.of("truncated", true));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details are not serialisable", e);
    }
  }
}

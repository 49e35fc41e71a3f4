package io.crmflow.lead;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** crm_lead_nurture: one row per nurture sequence; at most one running per lead (unique running_lead_id). */
@Repository
class LeadNurtureRepository {

  private final JdbcClient jdbc;

  LeadNurtureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a DuplicateKeyException when the lead already has a running sequence. */
  void insertRunning(String processInstanceId, String leadId) {
    jdbc.sql("""
            insert into crm_lead_nurture (process_instance_id, lead_id, running_lead_id, started_at)
            values (:pid, :leadId, :leadId, :now)
            """)
        .param("pid", processInstanceId).param("leadId", leadId).param("now", Timestamp.from(Instant.now()))
        .update();
  }

  void recordExit(String processInstanceId, NurtureExitReason reason) {
    jdbc.sql("update crm_lead_nurture set exit_reason = :reason where process_instance_id = :pid")
        .param("pid", processInstanceId).param("reason", reason.name()).update();
  }

  /** The sequence is over (any way, including cancellation in Cockpit): the lead may start a new one. */
  void release(String processInstanceId) {
    jdbc.sql("""
            update crm_lead_nurture set running_lead_id = null, ended_at = coalesce(ended_at, :now)
            where process_instance_id = :pid
            """)
        .param("pid", processInstanceId).param("now", Timestamp.from(Instant.now())).update();
  }

  long countRunning(String leadId) {
    return jdbc.sql("select count(*) from crm_lead_nurture where running_lead_id = :leadId")
        .param("leadId", leadId).query(Long.class).single();
  }
}

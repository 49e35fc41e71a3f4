package io.crmflow.lead;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * crm_lead_nurture: one row per nurture sequence; at most one running per lead (unique running_lead_id)
 * and per person (unique running_contact_id).
 */
@Repository
class LeadNurtureRepository {

  private final JdbcClient jdbc;

  LeadNurtureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a DuplicateKeyException when the lead, or its person, already has a running sequence. */
  void insertRunning(String processInstanceId, String leadId, String contactId) {
    jdbc.sql("""
            insert into crm_lead_nurture (process_instance_id, lead_id, running_lead_id, running_contact_id, started_at)
            values (:pid, :leadId, :leadId, :contactId, :now)
            """)
        .param("pid", processInstanceId).param("leadId", leadId).param("contactId", contactId)
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  /** The person's running sequence, if any. */
  Optional<RunningSequence> runningForContact(String contactId) {
    return jdbc.sql("select process_instance_id, lead_id from crm_lead_nurture where running_contact_id = :contactId")
        .param("contactId", contactId)
        .query((rs, row) -> new RunningSequence(rs.getString("process_instance_id"), rs.getString("lead_id")))
        .optional();
  }

  record RunningSequence(String processInstanceId, String leadId) {
  }

  /** Merging two contacts: the duplicate's running sequence (if it keeps running) becomes the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_lead_nurture set running_contact_id = :to where running_contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  void recordExit(String processInstanceId, NurtureExitReason reason) {
    jdbc.sql("update crm_lead_nurture set exit_reason = :reason where process_instance_id = :pid")
        .param("pid", processInstanceId).param("reason", reason.name()).update();
  }

  /** The sequence is over (any way, including cancellation in Cockpit): the lead may start a new one. */
  void release(String processInstanceId) {
    jdbc.sql("""
            update crm_lead_nurture set running_lead_id = null, running_contact_id = null,
              ended_at = coalesce(ended_at, :now)
            where process_instance_id = :pid
            """)
        .param("pid", processInstanceId).param("now", Timestamp.from(Instant.now())).update();
  }

  long countRunning(String leadId) {
    return jdbc.sql("select count(*) from crm_lead_nurture where running_lead_id = :leadId")
        .param("leadId", leadId).query(Long.class).single();
  }
}

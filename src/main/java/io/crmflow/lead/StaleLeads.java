package io.crmflow.lead;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds stale leads with aggregate queries on (status, time) indexes: overdue reviews and inactive leads (NEW
 * or NURTURING without activity). A review is overdue when its "Review lead" task is past its due date — the
 * date Tasklist shows, which the engine's business calendar set in the team's working hours — so a lead that
 * came in on Friday evening is not overdue on Monday morning.
 */
@Repository
class StaleLeads {

  /**
   * Leads in review whose review task is past due: the engine's task table joined on the intake instance (its
   * process-instance index), since the due date is the engine's.
   */
  private static final String OVERDUE_REVIEWS = """
      from crm_lead l
      join crm_contact c on c.id = l.contact_id
      join act_ru_task t on t.proc_inst_id_ = l.process_instance_id and t.task_def_key_ = :reviewTask
      where l.status = 'IN_REVIEW' and t.due_date_ < :now
      """;

  private final JdbcClient jdbc;
  private final StaleLeadSettings settings;

  StaleLeads(JdbcClient jdbc, StaleLeadSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  record Counts(long overdueReviews, long inactiveLeads) {

    long total() {
      return overdueReviews + inactiveLeads;
    }
  }

  /** One listed lead: what a sales manager needs to recognise it. */
  record StaleLead(String id, String name, String company, String status, Instant since, String processInstanceId) {
  }

  Counts count(Instant now) {
    long overdue = jdbc.sql("select count(*) " + OVERDUE_REVIEWS)
        .param("reviewTask", LeadIntakeProcess.TASK_REVIEW_LEAD).param("now", Timestamp.from(now))
        .query(Long.class).single();
    long inactive = jdbc.sql("""
            select count(*) from crm_lead where status in ('NEW', 'NURTURING') and last_activity_at < :cutoff
            """)
        .param("cutoff", inactiveCutoff(now)).query(Long.class).single();
    return new Counts(overdue, inactive);
  }

  /** The longest-overdue reviews first. */
  List<StaleLead> overdueReviews(Instant now) {
    return jdbc.sql("""
            select l.id, c.name, c.company, l.status, l.status_changed_at as since, l.process_instance_id
            """ + OVERDUE_REVIEWS + """
             order by t.due_date_, l.id
            limit :limit
            """)
        .param("reviewTask", LeadIntakeProcess.TASK_REVIEW_LEAD).param("now", Timestamp.from(now))
        .param("limit", settings.getDigestLimit())
        .query(this::map).list();
  }

  /** The longest-inactive leads first. */
  List<StaleLead> inactiveLeads(Instant now) {
    return jdbc.sql("""
            select l.id, c.name, c.company, l.status, l.last_activity_at as since, l.process_instance_id
            from crm_lead l join crm_contact c on c.id = l.contact_id
            where l.status in ('NEW', 'NURTURING') and l.last_activity_at < :cutoff
            order by l.last_activity_at, l.id
            limit :limit
            """)
        .param("cutoff", inactiveCutoff(now)).param("limit", settings.getDigestLimit())
        .query(this::map).list();
  }

  private Timestamp inactiveCutoff(Instant now) {
    return Timestamp.from(now.minus(settings.getInactiveAfter()));
  }

  private StaleLead map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new StaleLead(rs.getString("id"), rs.getString("name"), rs.getString("company"), rs.getString("status"),
        rs.getTimestamp("since").toInstant(), rs.getString("process_instance_id"));
  }
}

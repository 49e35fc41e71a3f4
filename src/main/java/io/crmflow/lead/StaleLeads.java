package io.crmflow.lead;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds stale leads with aggregate queries on (status, time) indexes: overdue reviews (IN_REVIEW
 * longer than the review service level) and inactive leads (NEW or NURTURING without activity).
 */
@Repository
class StaleLeads {

  private final JdbcClient jdbc;
  private final LeadIntakeSettings intakeSettings;
  private final StaleLeadSettings settings;

  StaleLeads(JdbcClient jdbc, LeadIntakeSettings intakeSettings, StaleLeadSettings settings) {
    this.jdbc = jdbc;
    this.intakeSettings = intakeSettings;
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
    long overdue = jdbc.sql("select count(*) from crm_lead where status = 'IN_REVIEW' and status_changed_at < :cutoff")
        .param("cutoff", reviewCutoff(now)).query(Long.class).single();
    long inactive = jdbc.sql("""
            select count(*) from crm_lead where status in ('NEW', 'NURTURING') and last_activity_at < :cutoff
            """)
        .param("cutoff", inactiveCutoff(now)).query(Long.class).single();
    return new Counts(overdue, inactive);
  }

  /** The longest-waiting overdue reviews first. */
  List<StaleLead> overdueReviews(Instant now) {
    return jdbc.sql("""
            select l.id, c.name, c.company, l.status, l.status_changed_at as since, l.process_instance_id
            from crm_lead l join crm_contact c on c.id = l.contact_id
            where l.status = 'IN_REVIEW' and l.status_changed_at < :cutoff
            order by l.status_changed_at, l.id
            limit :limit
            """)
        .param("cutoff", reviewCutoff(now)).param("limit", settings.getDigestLimit())
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

  private Timestamp reviewCutoff(Instant now) {
    return Timestamp.from(now.minus(intakeSettings.getReviewServiceLevel()));
  }

  private Timestamp inactiveCutoff(Instant now) {
    return Timestamp.from(now.minus(settings.getInactiveAfter()));
  }

  private StaleLead map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new StaleLead(rs.getString("id"), rs.getString("name"), rs.getString("company"), rs.getString("status"),
        rs.getTimestamp("since").toInstant(), rs.getString("process_instance_id"));
  }
}

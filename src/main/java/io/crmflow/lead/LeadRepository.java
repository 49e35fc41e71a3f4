package io.crmflow.lead;

import io.crmflow.messaging.ContactLocale;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LeadRepository {

  private final JdbcClient jdbc;

  LeadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a new lead whose intake is about to start; fails on a running intake for the same address. */
  void insertForIntake(Lead lead) {
    jdbc.sql("""
            insert into crm_lead (id, name, email, email_normalized, phone, company, company_size, budget,
                                  source, locale, marketing_consent, status, open_intake_email,
                                  created_at, updated_at, last_activity_at, status_changed_at)
            values (:id, :name, :email, :normalized, :phone, :company, :companySize, :budget,
                    :source, :locale, :consent, :status, :normalized, :createdAt, :createdAt, :createdAt,
                    :createdAt)
            """)
        .param("id", lead.id())
        .param("name", lead.name())
        .param("email", lead.email())
        .param("normalized", Lead.normalizeEmail(lead.email()))
        .param("phone", lead.phone())
        .param("company", lead.company())
        .param("companySize", lead.companySize())
        .param("budget", lead.budget())
        .param("source", lead.source() == null ? null : lead.source().name())
        .param("locale", lead.locale().tag())
        .param("consent", lead.marketingConsent())
        .param("status", lead.status().name())
        .param("createdAt", Timestamp.from(lead.createdAt()))
        .update();
  }

  Optional<Lead> findById(String id) {
    return jdbc.sql("select * from crm_lead where id = :id").param("id", id).query(this::map).optional();
  }

  /**
   * The lead, its row locked until the transaction ends: changes to one lead (PATCH, nurture
   * start) run one after the other instead of overwriting each other.
   */
  Optional<Lead> lockById(String id) {
    return jdbc.sql("select * from crm_lead where id = :id for update").param("id", id).query(this::map).optional();
  }

  /** The lead whose intake is still running for this address, if any. */
  Optional<Lead> findWithOpenIntake(String email) {
    return jdbc.sql("select * from crm_lead where open_intake_email = :email")
        .param("email", Lead.normalizeEmail(email))
        .query(this::map)
        .optional();
  }

  /** The newest lead with this address, whatever its intake's state. */
  Optional<Lead> findNewestByEmail(String email) {
    return jdbc.sql("select * from crm_lead where email_normalized = :email order by created_at desc fetch first 1 row only")
        .param("email", Lead.normalizeEmail(email))
        .query(this::map)
        .optional();
  }

  /** Fills the lead's empty fields from a later submission; never overwrites what is known. */
  void fillEmptyFields(String id, LeadSubmission submission) {
    jdbc.sql("""
            update crm_lead set
              phone = coalesce(phone, :phone),
              company = coalesce(company, :company),
              company_size = coalesce(company_size, :companySize),
              budget = coalesce(budget, :budget),
              source = coalesce(source, :source),
              marketing_consent = (marketing_consent or :consent),
              updated_at = :now,
              last_activity_at = :now
            where id = :id
            """)
        .param("id", id)
        .param("phone", LeadService.phone(submission.phone()))
        .param("company", submission.company())
        .param("companySize", submission.companySize())
        .param("budget", submission.budget())
        .param("source", submission.source() == null ? null : submission.source().name())
        .param("consent", Boolean.TRUE.equals(submission.marketingConsent()))
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  void recordProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update crm_lead set process_instance_id = :pid where id = :id")
        .param("id", id).param("pid", processInstanceId).update();
  }

  void recordScore(String id, int score, String rating) {
    jdbc.sql("update crm_lead set score = :score, rating = :rating, updated_at = :now where id = :id")
        .param("id", id).param("score", score).param("rating", rating)
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  void updateStatus(String id, LeadStatus status) {
    jdbc.sql("""
            update crm_lead set status = :status, updated_at = :now, last_activity_at = :now,
              status_changed_at = case when status = :status then status_changed_at else :now end
            where id = :id
            """)
        .param("id", id).param("status", status.name())
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  void markEmailInvalid(String id) {
    jdbc.sql("update crm_lead set email_invalid = true, updated_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(Instant.now())).update();
  }

  /** Frees the address for a new intake once this lead's intake has ended. */
  void closeIntake(String id) {
    jdbc.sql("update crm_lead set open_intake_email = null where id = :id").param("id", id).update();
  }

  /** Writes the fields a PATCH may change; the caller has locked the row. */
  void updateFields(Lead lead) {
    jdbc.sql("""
            update crm_lead set name = :name, phone = :phone, company = :company, company_size = :companySize,
              budget = :budget, source = :source, owner = :owner, updated_at = :now, last_activity_at = :now
            where id = :id
            """)
        .param("id", lead.id())
        .param("name", lead.name())
        .param("phone", lead.phone())
        .param("company", lead.company())
        .param("companySize", lead.companySize())
        .param("budget", lead.budget())
        .param("source", lead.source() == null ? null : lead.source().name())
        .param("owner", lead.owner())
        .param("now", Timestamp.from(Instant.now()))
        .update();
  }

  /** The lead did something (replied): its last activity moves forward, never back. */
  void recordActivity(String id, Instant at) {
    jdbc.sql("""
            update crm_lead set last_activity_at =
              case when last_activity_at is null or last_activity_at < :at then :at else last_activity_at end
            where id = :id
            """)
        .param("id", id).param("at", Timestamp.from(at)).update();
  }

  void withdrawMarketingConsent(String id) {
    jdbc.sql("update crm_lead set marketing_consent = false, updated_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(Instant.now())).update();
  }

  void recordReviewNote(String id, String note) {
    jdbc.sql("update crm_lead set review_note = :note, updated_at = :now where id = :id")
        .param("id", id).param("note", note).param("now", Timestamp.from(Instant.now())).update();
  }

  Optional<String> reviewNote(String id) {
    return jdbc.sql("select review_note from crm_lead where id = :id").param("id", id).query(String.class)
        .optional();
  }

  void recordNurtureExit(String id, NurtureExitReason reason) {
    jdbc.sql("update crm_lead set nurture_exit_reason = :reason, updated_at = :now where id = :id")
        .param("id", id).param("reason", reason.name()).param("now", Timestamp.from(Instant.now())).update();
  }

  private Lead map(ResultSet rs, int row) throws SQLException {
    String source = rs.getString("source");
    String exitReason = rs.getString("nurture_exit_reason");
    return new Lead(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("company"),
        rs.getObject("company_size", Integer.class),
        rs.getBigDecimal("budget"),
        source == null ? null : LeadSource.valueOf(source),
        ContactLocale.fromTag(rs.getString("locale")),
        rs.getBoolean("marketing_consent"),
        LeadStatus.valueOf(rs.getString("status")),
        rs.getObject("score", Integer.class),
        rs.getString("rating"),
        rs.getBoolean("email_invalid"),
        rs.getString("process_instance_id"),
        rs.getString("owner"),
        exitReason == null ? null : NurtureExitReason.valueOf(exitReason),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        instant(rs.getTimestamp("last_activity_at")),
        instant(rs.getTimestamp("status_changed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

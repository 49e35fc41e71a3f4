package io.crmflow.contact;

import io.crmflow.web.UniqueInserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** crm_contact, its addresses and its submissions. */
@Repository
class ContactRepository {

  private final JdbcClient jdbc;
  private final UniqueInserts uniqueInserts;

  ContactRepository(JdbcClient jdbc, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    this.uniqueInserts = uniqueInserts;
  }

  void insert(Contact contact) {
    jdbc.sql("""
            insert into crm_contact (id, email, name, phone, company, locale, marketing_consent, sms_consent,
                email_invalid, lifecycle_stage, created_at, updated_at)
            values (:id, :email, :name, :phone, :company, :locale, :marketingConsent, :smsConsent, false, 'LEAD',
                :now, :now)
            """)
        .param("id", contact.id())
        .param("email", contact.email())
        .param("name", contact.name())
        .param("phone", contact.phone())
        .param("company", contact.company())
        .param("locale", contact.locale().tag())
        .param("marketingConsent", contact.marketingConsent())
        .param("smsConsent", contact.smsConsent())
        .param("now", Timestamp.from(contact.createdAt()))
        .update();
  }

  /**
   * Gives the contact the address unless another contact has it (or a concurrent registration is giving it to
   * one: then this waits for that transaction's end).
   *
   * @return whether the address is now this contact's
   */
  boolean insertAddressUnlessTaken(String normalizedEmail, String contactId) {
    return uniqueInserts.insertUnlessPresent(
        "insert into crm_contact_address (email_normalized, contact_id) values (:email, :contactId)",
        Map.of("email", normalizedEmail, "contactId", contactId));
  }

  /** Removes a contact inserted in this transaction that turned out not to be needed (it has nothing else yet). */
  void deleteUnused(String contactId) {
    jdbc.sql("delete from crm_contact where id = :id").param("id", contactId).update();
  }

  Optional<String> idByAddress(String normalizedEmail) {
    return jdbc.sql("select contact_id from crm_contact_address where email_normalized = :email")
        .param("email", normalizedEmail).query(String.class).optional();
  }

  /** The contacts known by this number (E.164), most recently changed first; an erased one has none. */
  List<Contact> byPhone(String phone) {
    return jdbc.sql("select * from crm_contact where phone = :phone order by updated_at desc, id")
        .param("phone", phone).query(this::map).list();
  }

  List<String> addresses(String contactId) {
    return jdbc.sql("select email_normalized from crm_contact_address where contact_id = :id order by email_normalized")
        .param("id", contactId).query(String.class).list();
  }

  Optional<Contact> findById(String id) {
    return jdbc.sql("select * from crm_contact where id = :id").param("id", id).query(this::map).optional();
  }

  /** The contact, its row locked until the transaction ends: changes to one person take turns. */
  Optional<Contact> lockById(String id) {
    return jdbc.sql("select * from crm_contact where id = :id for update").param("id", id).query(this::map)
        .optional();
  }

  /** Claims the welcome email: true when none was claimed since {@code notSince}. */
  boolean claimWelcome(String id, Instant notSince) {
    return jdbc.sql("""
            update crm_contact set welcomed_at = :now
            where id = :id and (welcomed_at is null or welcomed_at <= :notSince)
            """)
        .param("id", id).param("now", now()).param("notSince", Timestamp.from(notSince)).update() == 1;
  }

  /** Moves the contact forward to {@code stage}; false when it was there or further already. */
  boolean advance(String id, LifecycleStage stage) {
    String sql = switch (stage) {
      case LEAD -> null;
      case OPPORTUNITY -> """
          update crm_contact set lifecycle_stage = 'OPPORTUNITY', opportunity_at = coalesce(opportunity_at, :now),
            updated_at = :now
          where id = :id and lifecycle_stage = 'LEAD'
          """;
      case CUSTOMER -> """
          update crm_contact set lifecycle_stage = 'CUSTOMER', opportunity_at = coalesce(opportunity_at, :now),
            customer_at = coalesce(customer_at, :now), updated_at = :now
          where id = :id and lifecycle_stage <> 'CUSTOMER'
          """;
    };
    return sql != null && jdbc.sql(sql).param("id", id).param("now", now()).update() == 1;
  }

  void setFlag(String id, String column, boolean value) {
    // column is one of a fixed set chosen by ContactService, never input
    jdbc.sql("update crm_contact set " + column + " = :value, updated_at = :now where id = :id")
        .param("id", id).param("value", value).param("now", now()).update();
  }

  void insertSubmission(Submission submission) {
    jdbc.sql("""
            insert into crm_contact_submission (id, contact_id, submitted_at, channel, source, company_size, budget,
                lead_id, case_id, submitted_by)
            values (:id, :contactId, :at, :channel, :source, :companySize, :budget, :leadId, :caseId, :by)
            """)
        .param("id", UUID.randomUUID().toString())
        .param("contactId", submission.contactId())
        .param("at", Timestamp.from(submission.submittedAt()))
        .param("channel", submission.channel().code())
        .param("source", submission.source())
        .param("companySize", submission.companySize())
        .param("budget", submission.budget())
        .param("leadId", submission.leadId())
        .param("caseId", submission.caseId())
        .param("by", submission.submittedBy())
        .update();
  }

  List<Submission> submissions(String contactId) {
    return jdbc.sql("select * from crm_contact_submission where contact_id = :id order by submitted_at desc, id")
        .param("id", contactId)
        .query((rs, row) -> new Submission(rs.getString("id"), rs.getString("contact_id"),
            rs.getTimestamp("submitted_at").toInstant(),
            SubmissionChannel.valueOf(rs.getString("channel").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("source"), rs.getObject("company_size", Integer.class), rs.getBigDecimal("budget"),
            rs.getString("lead_id"), rs.getString("case_id"), rs.getString("submitted_by")))
        .list();
  }

  /** Moves the duplicate's addresses and submissions to the survivor, then deletes the duplicate. */
  void absorb(String survivorId, String duplicateId) {
    jdbc.sql("update crm_contact_address set contact_id = :survivor where contact_id = :duplicate")
        .param("survivor", survivorId).param("duplicate", duplicateId).update();
    jdbc.sql("update crm_contact_submission set contact_id = :survivor where contact_id = :duplicate")
        .param("survivor", survivorId).param("duplicate", duplicateId).update();
    jdbc.sql("delete from crm_contact where id = :duplicate").param("duplicate", duplicateId).update();
  }

  /** Writes a merged contact's every field (the survivor of {@link ContactService#merge}). */
  void replace(Contact contact) {
    jdbc.sql("""
            update crm_contact set email = :email, name = :name, phone = :phone, company = :company, locale = :locale,
              marketing_consent = :marketingConsent, sms_consent = :smsConsent, email_invalid = :emailInvalid,
              lifecycle_stage = :stage, opportunity_at = :opportunityAt, customer_at = :customerAt,
              welcomed_at = :welcomedAt, created_at = :createdAt, updated_at = :now
            where id = :id
            """)
        .param("id", contact.id())
        .param("email", contact.email())
        .param("name", contact.name())
        .param("phone", contact.phone())
        .param("company", contact.company())
        .param("locale", contact.locale().tag())
        .param("marketingConsent", contact.marketingConsent())
        .param("smsConsent", contact.smsConsent())
        .param("emailInvalid", contact.emailInvalid())
        .param("stage", contact.lifecycleStage().name())
        .param("opportunityAt", timestamp(contact.opportunitySince()))
        .param("customerAt", timestamp(contact.customerSince()))
        .param("welcomedAt", timestamp(contact.welcomedAt()))
        .param("createdAt", Timestamp.from(contact.createdAt()))
        .param("now", now())
        .update();
  }

  /** Anonymises the contact: everything that names the person goes; stage and times stay for statistics. */
  int erase(String id, String erased) {
    jdbc.sql("delete from crm_contact_address where contact_id = :id").param("id", id).update();
    return jdbc.sql("""
            update crm_contact set email = :erased, name = :erased, phone = null, company = null,
              marketing_consent = false, sms_consent = false, erased_at = coalesce(erased_at, :now), updated_at = :now
            where id = :id
            """)
        .param("id", id).param("erased", erased).param("now", now()).update();
  }

  private Contact map(ResultSet rs, int row) throws SQLException {
    return new Contact(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("phone"),
        rs.getString("company"),
        ContactLocale.fromTag(rs.getString("locale")),
        rs.getBoolean("marketing_consent"),
        rs.getBoolean("sms_consent"),
        rs.getBoolean("email_invalid"),
        LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
        instant(rs.getTimestamp("opportunity_at")),
        instant(rs.getTimestamp("customer_at")),
        instant(rs.getTimestamp("welcomed_at")),
        instant(rs.getTimestamp("erased_at")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }
}

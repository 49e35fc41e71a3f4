package io.crmflow.messaging;

import io.crmflow.contact.ContactLocale;
import io.crmflow.contact.ContactService;
import io.crmflow.web.UniqueInserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message log. Its writes commit on their own (REQUIRES_NEW), independent of the job that
 * sends: a message recorded SENT stays SENT even when the job's own transaction later rolls back,
 * so the retried job recognises it and does not send again. A message's rendering model is kept only
 * while it is deferred (it is rendered later); a sent message keeps no copy of what it said.
 */
@Repository
public class MessageLog {

  private static final String INSERT = """
      insert into crm_message (id, message_key, message_id, channel, template, category, locale,
          recipient_kind, recipient, recipient_name, contact_id, record_type, record_id, process_instance_id,
          activity_id, status, attempts, created_at, updated_at)
      values (:id, :key, :messageId, :channel, :template, :category, :locale, :recipientKind, :recipient,
          :recipientName, :contactId, :recordType, :recordId, :processInstanceId, :activityId, :status,
          :attempts, :now, :now)""";

  private final JdbcClient jdbc;
  private final ContactService contacts;
  private final UniqueInserts uniqueInserts;

  MessageLog(JdbcClient jdbc, ContactService contacts, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.uniqueInserts = uniqueInserts;
  }

  /**
   * Records a new attempt for this key, committed on its own. The first attempt is one insert (attempts 1);
   * when the key is taken — a retried job, or the same step started twice at the same moment — the attempt is
   * counted on the row that is there.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public MessageLogEntry beginAttempt(OutgoingMessage message) {
    MessageLogEntry first = firstAttempt(message);
    if (uniqueInserts.insertUnlessPresent(INSERT, columns(first))) {
      return first;
    }
    jdbc.sql("update crm_message set attempts = attempts + 1, updated_at = :now where message_key = :key")
        .param("key", message.messageKey()).param("now", now()).update();
    return findByKey(message.messageKey()).orElseThrow();
  }

  private static MessageLogEntry firstAttempt(OutgoingMessage message) {
    // as the database keeps it (microseconds), so the entry equals the row read back
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new MessageLogEntry(UUID.randomUUID().toString(), message.messageKey(), message.messageId(), null,
        message.channel(), message.template(), message.category(), message.locale(), message.recipientKind(),
        message.address(), message.displayName(), message.contactId(), message.recordType(), message.recordId(),
        message.processInstanceId(), message.activityId(), MessageStatus.QUEUED, 1, null, null, now, now, null);
  }

  private static Map<String, Object> columns(MessageLogEntry entry) {
    Map<String, Object> columns = new HashMap<>(); // some are null
    columns.put("id", entry.id());
    columns.put("key", entry.messageKey());
    columns.put("messageId", entry.messageId());
    columns.put("channel", entry.channel().name());
    columns.put("template", entry.template());
    columns.put("category", entry.category().name());
    columns.put("locale", entry.locale().tag());
    columns.put("recipientKind", entry.recipientKind());
    columns.put("recipient", entry.recipient());
    columns.put("recipientName", entry.recipientName());
    columns.put("contactId", entry.contactId());
    columns.put("recordType", entry.recordType());
    columns.put("recordId", entry.recordId());
    columns.put("processInstanceId", entry.processInstanceId());
    columns.put("activityId", entry.activityId());
    columns.put("status", entry.status().name());
    columns.put("attempts", entry.attempts());
    columns.put("now", Timestamp.from(entry.createdAt()));
    return columns;
  }

  /** Records what became of the message. Only a sent message keeps the cap slot it took. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void mark(String messageKey, MessageStatus status, String detail) {
    jdbc.sql("""
            update crm_message set status = :status, detail = :detail, updated_at = :now,
              sent_at = case when :status = 'SENT' then :now else sent_at end,
              deferred_until = case when :status = 'DEFERRED' then deferred_until else null end,
              cap_taken_at = case when :status = 'SENT' then cap_taken_at else null end,
              model_json = case when :status = 'DEFERRED' then model_json else null end
            where message_key = :key
            """)
        .param("status", status.name()).param("detail", truncate(detail)).param("now", now())
        .param("key", messageKey)
        .update();
  }

  /**
   * The message went out; an SMS keeps the provider's id of it ({@code providerMessageId}, null for email),
   * which the provider's delivery reports name.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void markSent(String messageKey, String providerMessageId) {
    mark(messageKey, MessageStatus.SENT, null);
    if (providerMessageId != null) {
      jdbc.sql("update crm_message set provider_message_id = :providerMessageId where message_key = :key")
          .param("providerMessageId", providerMessageId).param("key", messageKey).update();
    }
  }

  /**
   * The provider's delivery report on a sent SMS: DELIVERED, UNDELIVERED or FAILED. Only a message still
   * SENT changes, so a late or repeated report never undoes a final one; the cap slot the message took stays
   * taken (it was sent).
   *
   * @return the message as it is now; empty if no message has this provider id
   */
  @Transactional
  public Optional<MessageLogEntry> recordDeliveryReport(String providerMessageId, MessageStatus status,
      String detail) {
    if (status != MessageStatus.DELIVERED && status != MessageStatus.UNDELIVERED && status != MessageStatus.FAILED) {
      throw new IllegalArgumentException("not a delivery outcome: " + status);
    }
    jdbc.sql("""
            update crm_message set status = :status, detail = :detail, updated_at = :now
            where provider_message_id = :providerMessageId and status = 'SENT'
            """)
        .param("status", status.name()).param("detail", truncate(detail)).param("now", now())
        .param("providerMessageId", providerMessageId)
        .update();
    return jdbc.sql("select * from crm_message where provider_message_id = :providerMessageId")
        .param("providerMessageId", providerMessageId).query(this::map).optional();
  }

  /** Defers the message to {@code until}, keeping the model it will be rendered with then. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void defer(String messageKey, Instant until, String modelJson) {
    jdbc.sql("""
            update crm_message set status = 'DEFERRED', deferred_until = :until, updated_at = :now,
              detail = 'over the marketing frequency cap', model_json = :model, cap_taken_at = null
            where message_key = :key
            """)
        .param("until", Timestamp.from(until)).param("now", now()).param("key", messageKey).param("model", modelJson)
        .update();
  }

  /**
   * Takes one of the contact's marketing slots on the message's channel: at most {@code cap} emails and
   * {@code cap} SMS in any {@code window}, counted per person across all their addresses and workflows. The contact's row is locked while slots are
   * counted and taken, so racing sends (two sequences, two cluster nodes) cannot both take the last
   * one; the lock is held only for this short transaction, never while mail is sent.
   *
   * @return empty when the slot is taken; otherwise when the next one frees up
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Optional<Instant> takeMarketingSlot(MessageLogEntry entry, int cap, Duration window) {
    if (entry.contactId() == null) {
      throw new IllegalStateException("Marketing message " + entry.messageKey() + " names no contact");
    }
    contacts.lock(entry.contactId());
    Instant now = Instant.now();
    List<Instant> taken = jdbc.sql("""
            select cap_taken_at from crm_message
            where contact_id = :contactId and category = 'MARKETING' and channel = :channel
              and cap_taken_at > :since and message_key <> :key
            order by cap_taken_at
            """)
        .param("contactId", entry.contactId()).param("channel", entry.channel().name())
        .param("since", Timestamp.from(now.minus(window)))
        .param("key", entry.messageKey())
        .query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
    if (taken.size() >= cap) {
      return Optional.of(taken.get(taken.size() - cap).plus(window));
    }
    jdbc.sql("update crm_message set cap_taken_at = :now where message_key = :key")
        .param("now", Timestamp.from(now)).param("key", entry.messageKey()).update();
    return Optional.empty();
  }

  /**
   * Takes a due deferred message for sending by moving it out of reach until {@code leaseEnd}; false if
   * another instance took it first. It stays DEFERRED: should this instance die while sending, the
   * message falls due again when the lease ends, instead of waiting in between states for ever.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean claimDeferred(String messageKey, Instant leaseEnd) {
    return jdbc.sql("""
            update crm_message set deferred_until = :leaseEnd, updated_at = :now
            where message_key = :key and status = 'DEFERRED' and deferred_until <= :now
            """)
        .param("key", messageKey).param("leaseEnd", Timestamp.from(leaseEnd)).param("now", now()).update() == 1;
  }

  /**
   * A deferred message's send failed (the failed send marked it QUEUED, as for a job): counted as an
   * attempt, DEFERRED again until {@code retryAt}.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void retryDeferred(String messageKey, Instant retryAt, String detail) {
    jdbc.sql("""
            update crm_message set status = 'DEFERRED', attempts = attempts + 1, deferred_until = :retryAt,
              detail = :detail, cap_taken_at = null, updated_at = :now
            where message_key = :key and status in ('DEFERRED', 'QUEUED')
            """)
        .param("key", messageKey).param("retryAt", Timestamp.from(retryAt)).param("detail", truncate(detail))
        .param("now", now()).update();
  }

  /**
   * The deferred messages a workflow instance left behind go no more (its sequence ended: the lead
   * replied, was stopped, unsubscribed…).
   *
   * @return how many were withdrawn
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public int withdrawDeferred(String processInstanceId, String reason) {
    return jdbc.sql("""
            update crm_message set status = 'SUPPRESSED', detail = :reason, deferred_until = null, model_json = null,
              updated_at = :now
            where process_instance_id = :pid and status = 'DEFERRED'
            """)
        .param("pid", processInstanceId).param("reason", truncate(reason)).param("now", now()).update();
  }

  public List<MessageLogEntry> dueDeferred(Instant now, int limit) {
    return jdbc.sql("select * from crm_message where status = 'DEFERRED' and deferred_until <= :now "
            + "order by deferred_until fetch first :limit rows only")
        .param("now", Timestamp.from(now)).param("limit", limit).query(this::map).list();
  }

  public Optional<String> modelJson(String messageKey) {
    return jdbc.sql("select model_json from crm_message where message_key = :key")
        .param("key", messageKey).query(String.class).optional();
  }

  public Optional<MessageLogEntry> findByKey(String messageKey) {
    return jdbc.sql("select * from crm_message where message_key = :key")
        .param("key", messageKey).query(this::map).optional();
  }

  public Optional<MessageLogEntry> findById(String id) {
    return jdbc.sql("select * from crm_message where id = :id").param("id", id).query(this::map).optional();
  }

  /** The message that went out with this Message-ID header, with or without its angle brackets. */
  public Optional<MessageLogEntry> findByMessageId(String messageId) {
    String bare = messageId.strip().replaceAll("^<|>$", "");
    return jdbc.sql("select * from crm_message where message_id = :bracketed or message_id = :bare")
        .param("bracketed", "<" + bare + ">").param("bare", bare).query(this::map).optional();
  }

  /**
   * What the provider reported after the send (a late bounce, a complaint): the message's status now (a permanent
   * bounce: FAILED; a complaint leaves it as it was) and why. The cap slot a sent message took stays taken: it was sent.
   */
  public void reportDelivery(String id, MessageStatus status, String detail) {
    jdbc.sql("update crm_message set status = :status, detail = :detail, updated_at = :now where id = :id")
        .param("status", status.name()).param("detail", truncate(detail)).param("now", now()).param("id", id)
        .update();
  }

  /** The messages about one record, newest first. */
  public List<MessageLogEntry> forRecord(String recordId, int limit) {
    return jdbc.sql("select * from crm_message where record_id = :recordId "
            + "order by created_at desc, id fetch first :limit rows only")
        .param("recordId", recordId).param("limit", limit).query(this::map).list();
  }

  /** The messages to or about one contact, newest first. */
  public List<MessageLogEntry> forContact(String contactId, int limit) {
    return jdbc.sql("select * from crm_message where contact_id = :contactId "
            + "order by created_at desc, id fetch first :limit rows only")
        .param("contactId", contactId).param("limit", limit).query(this::map).list();
  }

  /** Merging two contacts: the duplicate's messages become the survivor's. */
  void moveToContact(String fromContactId, String toContactId) {
    jdbc.sql("update crm_message set contact_id = :to where contact_id = :from")
        .param("from", fromContactId).param("to", toContactId).update();
  }

  private MessageLogEntry map(ResultSet rs, int row) throws SQLException {
    return new MessageLogEntry(rs.getString("id"), rs.getString("message_key"), rs.getString("message_id"),
        rs.getString("provider_message_id"),
        Channel.valueOf(rs.getString("channel")), rs.getString("template"),
        MessageCategory.valueOf(rs.getString("category")), ContactLocale.fromTag(rs.getString("locale")),
        rs.getString("recipient_kind"), rs.getString("recipient"), rs.getString("recipient_name"),
        rs.getString("contact_id"), rs.getString("record_type"), rs.getString("record_id"), rs.getString("process_instance_id"),
        rs.getString("activity_id"), MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
        rs.getString("detail"), instant(rs, "deferred_until"), instant(rs, "created_at"),
        instant(rs, "updated_at"), instant(rs, "sent_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now());
  }

  private static String truncate(String detail) {
    return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
  }
}

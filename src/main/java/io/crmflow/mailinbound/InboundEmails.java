package io.crmflow.mailinbound;

import io.crmflow.audit.AuditLog;
import io.crmflow.calendar.BusinessHours;
import io.crmflow.contact.EmailAddress;
import io.crmflow.inbound.InboundEvents;
import io.crmflow.lead.LeadReply;
import io.crmflow.lead.LeadService;
import io.crmflow.mailinbound.InboundEmail.Outcome;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.messaging.ReplyAddresses;
import io.crmflow.quote.Quote;
import io.crmflow.quote.QuoteService;
import io.crmflow.recordtask.RecordTask;
import io.crmflow.recordtask.RecordTaskRequest;
import io.crmflow.recordtask.RecordTasks;
import io.crmflow.recordtask.TaskableRecord;
import io.crmflow.security.CrmGroups;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import io.crmflow.supportcase.CaseReplySubmission;
import io.crmflow.supportcase.CaseStatus;
import io.crmflow.supportcase.SupportCase;
import io.crmflow.supportcase.SupportCaseService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies to crmflow's emails. The Reply-To address alone says which message one answers (the From header is
 * anyone's to write); that message's workflow says what the reply means: to a quote's email, a task for the
 * quote's owner; to a case's, a reply on the case; to a nurture email, the lead replied. What no record awaits is
 * kept as unmatched for admins, never dropped. The reply's text stays in {@code crm_inbound_email}, out of the
 * engine. One transaction per email, its provider event id recorded in it: a repeat changes nothing, a failure
 * leaves nothing behind for the provider's retry to trip over.
 */
@Service
public class InboundEmails {

  /** Who acts on a reply, in the audit log and as the one who added the quote's task. */
  static final String ACTOR = MailgunSignature.PROVIDER;
  private static final Logger log = LoggerFactory.getLogger(InboundEmails.class);
  private static final int MAX_TEXT = 10_000;
  private static final int MAX_SUBJECT = 1_000;
  private static final int MAX_ADDRESS = 320;
  private static final int MAX_EVENT_ID = 300;
  private static final String COLUMNS = """
      id, outcome, unmatched_reason, record_type, record_id, record_task_id, sender, subject, body, received_at
      """;

  private final JdbcClient jdbc;
  private final InboundEvents inboundEvents;
  private final MailgunSignature signature;
  private final ReplyAddresses replyAddresses;
  private final MessageLog messageLog;
  private final LeadService leads;
  private final SupportCaseService cases;
  private final QuoteService quotes;
  private final RecordTasks recordTasks;
  private final TaskableRecord taskableQuote;
  private final BusinessHours businessHours;
  private final AuditLog auditLog;

  InboundEmails(JdbcClient jdbc, InboundEvents inboundEvents, MailgunSignature signature,
      ReplyAddresses replyAddresses, MessageLog messageLog, LeadService leads, SupportCaseService cases,
      QuoteService quotes, RecordTasks recordTasks, List<TaskableRecord> taskableRecords, BusinessHours businessHours,
      AuditLog auditLog) {
    this.jdbc = jdbc;
    this.inboundEvents = inboundEvents;
    this.signature = signature;
    this.replyAddresses = replyAddresses;
    this.messageLog = messageLog;
    this.leads = leads;
    this.cases = cases;
    this.quotes = quotes;
    this.recordTasks = recordTasks;
    this.taskableQuote = taskableRecords.stream().filter(record -> record.collection().equals("quotes")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no taskable record 'quotes'"));
    this.businessHours = businessHours;
    this.auditLog = auditLog;
  }

  /** What became of one inbound email, as {@code POST /api/inbound/email/mailgun} answers. */
  @Schema(name = "InboundEmailReceipt")
  public record Receipt(String id, Outcome outcome) {
  }

  /** A record the reply reached, or why it reached none. */
  private record Match(Outcome outcome, RecordType recordType, String recordId, String unmatchedReason) {

    static Match unmatched(String reason) {
      return new Match(Outcome.UNMATCHED, null, null, reason);
    }
  }

  @Transactional
  public Receipt receive(MailgunInboundEmail email) {
    String eventId = eventId(email.messageId());
    Optional<Receipt> before = receivedBefore(eventId, email);
    if (before.isPresent()) {
      return before.get();
    }
    String text = clean(email.text(), MAX_TEXT, true);
    Optional<String> messageRowId = replyAddresses.messageOf(email.recipient());
    Optional<MessageLogEntry> message = messageRowId.flatMap(messageLog::findById);
    Match match = message.map(entry -> match(entry, text)).orElseGet(() -> Match.unmatched(messageRowId.isEmpty()
        ? "the recipient is no reply address crmflow signed" : "the message it answers is no longer in the log"));
    return store(email, eventId, text, message, match);
  }

  /**
   * Keeps the email as unmatched, for admins, when acting on it failed (the record's state refused it, say): a
   * reply is never lost, and Mailgun is not left retrying what would fail again.
   */
  @Transactional
  public Receipt keepUnmatched(MailgunInboundEmail email, String reason) {
    String eventId = eventId(email.messageId());
    return receivedBefore(eventId, email).orElseGet(() -> store(email, eventId, clean(email.text(), MAX_TEXT, true),
        replyAddresses.messageOf(email.recipient()).flatMap(messageLog::findById), Match.unmatched(reason)));
  }

  /** What was made of the email when it came before; otherwise its event and signature token are recorded now. */
  private Optional<Receipt> receivedBefore(String eventId, MailgunInboundEmail email) {
    if (inboundEvents.claim(MailgunSignature.PROVIDER, eventId, "inbound-email")) {
      signature.claimToken(email.signatureFields());
      return Optional.empty();
    }
    log.info("Inbound email {} was received before; not processed again", eventId);
    return Optional.of(jdbc.sql("select id, outcome from crm_inbound_email where provider_event_id = :eventId")
        .param("eventId", eventId)
        .query((rs, row) -> new Receipt(rs.getString("id"), Outcome.valueOf(rs.getString("outcome")))).single());
  }

  private Receipt store(MailgunInboundEmail email, String eventId, String text, Optional<MessageLogEntry> message,
      Match match) {
    String id = UUID.randomUUID().toString();
    String recordTaskId = match.outcome() == Outcome.QUOTE_REPLY ? askOwnerToRead(match.recordId()).id() : null;
    jdbc.sql("""
            insert into crm_inbound_email (id, provider_event_id, message_row_id, outcome, unmatched_reason, record_type,
              record_id, record_task_id, contact_id, sender, subject, body, received_at)
            values (:id, :eventId, :messageRowId, :outcome, :reason, :recordType, :recordId, :recordTaskId, :contactId,
              :sender, :subject, :body, :receivedAt)
            """)
        .param("id", id).param("eventId", eventId).param("messageRowId", message.map(MessageLogEntry::id).orElse(null))
        .param("outcome", match.outcome().name()).param("reason", clean(match.unmatchedReason(), 200, false))
        .param("recordType", match.recordType() == null ? null : match.recordType().id())
        .param("recordId", match.recordId()).param("recordTaskId", recordTaskId)
        .param("contactId", message.map(MessageLogEntry::contactId).orElse(null))
        .param("sender", email.sender() == null ? null : clean(EmailAddress.normalize(email.sender()), MAX_ADDRESS, false))
        .param("subject", clean(email.subject(), MAX_SUBJECT, false)).param("body", text)
        .param("receivedAt", Timestamp.from(Instant.now()))
        .update();
    // which email reached which record, never what it said or who sent it
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("inboundEmailId", id);
    details.put("outcome", match.outcome().name());
    message.ifPresent(entry -> details.put("messageId", entry.id()));
    if (match.unmatchedReason() != null) {
      details.put("reason", match.unmatchedReason());
    }
    auditLog.record(ACTOR, match.outcome() == Outcome.UNMATCHED ? "email.reply-unmatched" : "email.reply-received",
        match.recordType(), match.recordId(), details);
    log.info("Inbound email {}: {}{}", id, match.outcome(),
        match.recordId() == null ? " (" + match.unmatchedReason() + ")" : " for " + match.recordType().id() + " "
            + match.recordId());
    return new Receipt(id, match.outcome());
  }

  /** What the reply to this message means, acted on: the workflow that sent the message says. */
  private Match match(MessageLogEntry message, String text) {
    if (!message.toContact()) {
      return Match.unmatched("a reply to a message to staff");
    }
    Optional<Quote> quote = Optional.ofNullable(message.processInstanceId()).flatMap(quotes::findByProcessInstance);
    if (quote.isPresent()) {
      return new Match(Outcome.QUOTE_REPLY, RecordType.QUOTE, quote.get().id(), null);
    }
    if (RecordType.CASE.id().equals(message.recordType())) {
      return replyToCase(message.recordId(), text);
    }
    if (RecordType.LEAD.id().equals(message.recordType()) && message.template().startsWith("nurture-")) {
      return leadReplied(message.recordId());
    }
    return Match.unmatched("a reply to a '" + message.template() + "' email, which no workflow awaits");
  }

  private Match replyToCase(String caseId, String text) {
    Optional<SupportCase> supportCase = find(() -> cases.get(caseId));
    if (supportCase.isEmpty()) {
      return Match.unmatched("the case is gone");
    }
    if (supportCase.get().status() == CaseStatus.CLOSED) {
      return Match.unmatched("case " + supportCase.get().caseNumber() + " is closed");
    }
    cases.receiveReply(caseId, new CaseReplySubmission(text == null ? "(The email had no text.)" : text), ACTOR);
    return new Match(Outcome.CASE_REPLY, RecordType.CASE, caseId, null);
  }

  private Match leadReplied(String leadId) {
    if (find(() -> leads.get(leadId)).isEmpty()) {
      return Match.unmatched("the lead is gone");
    }
    leads.recordReply(leadId, new LeadReply(LeadReply.Channel.EMAIL, Instant.now()));
    return new Match(Outcome.LEAD_REPLY, RecordType.LEAD, leadId, null);
  }

  /** The quote's owner gets a task to read the reply, due within a business day of sales. */
  private RecordTask askOwnerToRead(String quoteId) {
    Quote quote = quotes.get(quoteId);
    RecordTaskRequest request = new RecordTaskRequest(
        "Read the customer's reply to quote " + quoteId.substring(0, Math.min(8, quoteId.length())),
        businessHours.due(CrmGroups.SALES, "P1D").toInstant().atOffset(ZoneOffset.UTC), quote.owner());
    return recordTasks.add(taskableQuote, quoteId, request, ACTOR);
  }

  /** The replies to the quote's emails, newest first. */
  public List<InboundEmail> forQuote(String quoteId) {
    quotes.get(quoteId);
    return jdbc.sql("select " + COLUMNS + """
             from crm_inbound_email where record_id = :quoteId and outcome = 'QUOTE_REPLY'
            order by received_at desc, id
            """)
        .param("quoteId", quoteId).query(InboundEmails::inboundEmail).list();
  }

  /** The inbound emails no record awaited, newest first. */
  public List<InboundEmail> unmatched(int limit) {
    return jdbc.sql("select " + COLUMNS + """
             from crm_inbound_email where outcome = 'UNMATCHED'
            order by received_at desc, id fetch first :limit rows only
            """)
        .param("limit", limit).query(InboundEmails::inboundEmail).list();
  }

  static InboundEmail inboundEmail(ResultSet rs, int row) throws SQLException {
    return new InboundEmail(rs.getString("id"), Outcome.valueOf(rs.getString("outcome")),
        rs.getString("unmatched_reason"), rs.getString("record_type"), rs.getString("record_id"),
        rs.getString("record_task_id"), rs.getString("sender"), rs.getString("subject"), rs.getString("body"),
        rs.getTimestamp("received_at").toInstant());
  }

  private static String eventId(String messageId) {
    if (messageId == null || messageId.isBlank()) {
      throw new InvalidFieldException("Message-Id", "is required: a repeated delivery is recognised by it");
    }
    if (messageId.strip().length() > MAX_EVENT_ID) {
      throw new InvalidFieldException("Message-Id", "must be at most " + MAX_EVENT_ID + " characters");
    }
    return messageId.strip();
  }

  /**
   * The text as stored: without control characters PostgreSQL or a terminal would choke on (line breaks and tabs
   * stay where {@code multiLine}), at most {@code max} characters; null when nothing is left.
   */
  static String clean(String text, int max, boolean multiLine) {
    if (text == null) {
      return null;
    }
    String cleaned = text.replaceAll(multiLine ? "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]" : "\\p{Cntrl}+", multiLine
        ? "" : " ").strip();
    if (cleaned.isEmpty()) {
      return null;
    }
    return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
  }

  /** The record, or empty when it is not (or no longer) there. */
  private static <T> Optional<T> find(Supplier<T> lookup) {
    try {
      return Optional.of(lookup.get());
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }
}

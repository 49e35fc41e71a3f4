package io.crmflow.inbound;

import io.crmflow.audit.AuditLog;
import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.PhoneNumbers;
import io.crmflow.lead.Lead;
import io.crmflow.lead.LeadReply;
import io.crmflow.lead.LeadService;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.shared.RecordType;
import io.crmflow.supportcase.CaseReplySubmission;
import io.crmflow.supportcase.SupportCase;
import io.crmflow.supportcase.SupportCaseService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an SMS from a person does, and what the provider's delivery reports do, each once per provider
 * event id. The sender is found by number among the contacts. STOP (and Twilio's other opt-out words)
 * withdraws their SMS consent, START gives it back, HELP is answered; any other text is a reply on their
 * open case, else on their open lead (which ends its nurture sequence), else kept for administrators.
 * The text never reaches the engine: a case reply is stored with the case; a lead reply records only that
 * the lead answered by SMS, as {@code POST /api/leads/{id}/replies} does, and the event's MessageSid
 * (crm_inbound_event) names the message at the provider.
 */
@Service
class InboundSmsService {

  static final String PROVIDER = "twilio";
  /** Who the audit log names for what the provider's calls changed. */
  static final String ACTOR = "twilio";
  /** A case reply needs text: an SMS with none (a picture only) says so. */
  static final String NO_TEXT = "(SMS without text)";

  private static final Logger log = LoggerFactory.getLogger(InboundSmsService.class);

  private final InboundEvents events;
  private final UnmatchedInboundMessages unmatched;
  private final ContactService contacts;
  private final SupportCaseService supportCases;
  private final LeadService leads;
  private final MessageLog messageLog;
  private final AuditLog auditLog;

  InboundSmsService(InboundEvents events, UnmatchedInboundMessages unmatched, ContactService contacts,
      SupportCaseService supportCases, LeadService leads, MessageLog messageLog, AuditLog auditLog) {
    this.events = events;
    this.unmatched = unmatched;
    this.contacts = contacts;
    this.supportCases = supportCases;
    this.leads = leads;
    this.messageLog = messageLog;
    this.auditLog = auditLog;
  }

  /** What became of an SMS, and the record it went to (none: null); no personal data. */
  private record Handled(String outcome, RecordType recordType, String recordId, List<String> contactIds) {
  }

  /**
   * Handles an incoming SMS unless its MessageSid was handled before.
   *
   * @return the keyword it is, if any (HELP is answered however often the provider asks)
   */
  @Transactional
  public Optional<SmsKeyword> receive(TwilioInboundSms sms) {
    Optional<SmsKeyword> keyword = SmsKeyword.of(sms.body());
    if (!events.claim(PROVIDER, sms.messageSid(), "sms")) {
      log.info("Inbound SMS {} received again: handled before, nothing changed", sms.messageSid());
      return keyword;
    }
    Handled handled = handle(sms, keyword);
    events.settle(PROVIDER, sms.messageSid(), handled.outcome(),
        handled.recordType() == null ? null : handled.recordType().id(), handled.recordId());
    Map<String, Object> details = details(sms.messageSid(), handled.outcome());
    if (handled.contactIds().size() > 1) {
      details.put("contactIds", handled.contactIds());
    }
    auditLog.record(ACTOR, "inbound.sms", handled.recordType(), handled.recordId(), details);
    log.info("Inbound SMS {}: {} {}", sms.messageSid(), handled.outcome(),
        handled.recordId() == null ? "" : handled.recordType().id() + " " + handled.recordId());
    return keyword;
  }

  private Handled handle(TwilioInboundSms sms, Optional<SmsKeyword> keyword) {
    Optional<String> from = e164(sms.from());
    if (from.isEmpty()) {
      return keepUnmatched(sms, null, "not-a-phone-number");
    }
    List<Contact> people = contacts.findByPhone(from.get());
    List<String> ids = people.stream().map(Contact::id).toList();
    if (keyword.isPresent()) {
      if (people.isEmpty()) {
        return keyword.get() == SmsKeyword.HELP ? new Handled("help", null, null, ids)
            : keepUnmatched(sms, null, "unknown-number");
      }
      // the number's owner decides for the number: every contact known by it
      String outcome = switch (keyword.get()) {
        case OPT_OUT -> {
          ids.forEach(contacts::withdrawSmsConsent);
          yield "sms-consent-withdrawn";
        }
        case OPT_IN -> {
          ids.forEach(contacts::grantSmsConsent);
          yield "sms-consent-given";
        }
        case HELP -> "help";
      };
      return new Handled(outcome, RecordType.CONTACT, ids.get(0), ids);
    }
    for (Contact person : people) {
      Optional<SupportCase> open = supportCases.openCaseOf(person.id());
      if (open.isPresent()) {
        String text = sms.body().isBlank() ? NO_TEXT : sms.body();
        supportCases.receiveReply(open.get().id(), new CaseReplySubmission(text), ACTOR);
        return new Handled("case-reply", RecordType.CASE, open.get().id(), ids);
      }
    }
    for (Contact person : people) {
      Optional<Lead> open = leads.openLeadOf(person.id());
      if (open.isPresent()) {
        boolean nurtureEnded = leads.recordReply(open.get().id(), new LeadReply(LeadReply.Channel.SMS, Instant.now()))
            .nurtureEnded();
        return new Handled(nurtureEnded ? "lead-reply-nurture-ended" : "lead-reply", RecordType.LEAD, open.get().id(),
            ids);
      }
    }
    return keepUnmatched(sms, people.isEmpty() ? null : ids.get(0), people.isEmpty() ? "unknown-number"
        : "no-open-record");
  }

  private Handled keepUnmatched(TwilioInboundSms sms, String contactId, String reason) {
    unmatched.store(PROVIDER, sms.messageSid(), sms.from(), sms.to(), sms.body(), contactId, reason);
    return new Handled("unmatched:" + reason, contactId == null ? null : RecordType.CONTACT, contactId,
        contactId == null ? List.of() : List.of(contactId));
  }

  /** A number Twilio gives is E.164 already; a short code or sender id is not a person's number. */
  private static Optional<String> e164(String from) {
    try {
      return Optional.of(PhoneNumbers.toE164(from, null));
    } catch (IllegalArgumentException notANumber) {
      return Optional.empty();
    }
  }

  /**
   * A delivery report on an SMS crmflow sent, unless this status of this message was reported before:
   * DELIVERED, UNDELIVERED or FAILED in the message log; statuses on the way (queued, sent…) change nothing.
   */
  @Transactional
  public InboundEventReceipt receiveStatus(TwilioStatusCallback report) {
    String eventId = report.eventId();
    if (!events.claim(PROVIDER, eventId, "sms-status")) {
      log.info("SMS status {} received again: handled before, nothing changed", eventId);
      return new InboundEventReceipt(eventId, events.outcomeOf(PROVIDER, eventId), true);
    }
    Optional<MessageStatus> outcome = report.outcome();
    Optional<MessageLogEntry> message = outcome.flatMap(status -> messageLog.recordDeliveryReport(report.messageSid(),
        status, report.errorCode() == null ? null : "provider error " + report.errorCode()));
    String result = outcome.isEmpty() ? "ignored"
        : message.isEmpty() ? "unknown-message"
        : message.get().status() == outcome.get() ? lower(outcome.get())
        : "already-" + lower(message.get().status());
    String messageLogId = message.map(MessageLogEntry::id).orElse(null);
    events.settle(PROVIDER, eventId, result, messageLogId == null ? null : "message", messageLogId);
    Map<String, Object> details = details(eventId, result);
    if (messageLogId != null) {
      details.put("messageLogId", messageLogId);
    }
    auditLog.record(ACTOR, "inbound.sms-status", null, null, details);
    log.info("SMS status {}: {}", eventId, result);
    return new InboundEventReceipt(eventId, result, false);
  }

  /** Ids and outcomes only: the number and the text stay out of the audit trail. */
  private static Map<String, Object> details(String eventId, String outcome) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", PROVIDER);
    details.put("eventId", eventId);
    details.put("outcome", outcome);
    return details;
  }

  private static String lower(MessageStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}

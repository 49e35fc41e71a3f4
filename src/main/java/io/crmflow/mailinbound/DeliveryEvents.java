package io.crmflow.mailinbound;

import io.crmflow.audit.AuditLog;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.EmailAddress;
import io.crmflow.inbound.InboundEvents;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.messaging.Suppressions;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.RecordType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Mailgun learns after a send: a permanent failure (a hard bounce) marks the address invalid on its contact
 * and suppresses it; a complaint (marked as spam) suppresses it for marketing; the message log entry, found by the
 * Message-ID header crmflow gave the email, says what happened. A temporary failure changes nothing: Mailgun
 * retries it itself; it is recorded in the audit log. Each event is processed once, by its id.
 */
@Service
public class DeliveryEvents {

  private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);
  private static final int MAX_EVENT_ID = 300;

  private final InboundEvents inboundEvents;
  private final MailgunSignature signature;
  private final MessageLog messageLog;
  private final Suppressions suppressions;
  private final ContactService contacts;
  private final AuditLog auditLog;

  DeliveryEvents(InboundEvents inboundEvents, MailgunSignature signature, MessageLog messageLog,
      Suppressions suppressions, ContactService contacts, AuditLog auditLog) {
    this.inboundEvents = inboundEvents;
    this.signature = signature;
    this.messageLog = messageLog;
    this.suppressions = suppressions;
    this.contacts = contacts;
    this.auditLog = auditLog;
  }

  /** What an event did, as {@code POST /api/inbound/email/mailgun/events} answers. */
  public enum Outcome {
    HARD_BOUNCE, TEMPORARY_FAILURE, COMPLAINT,
    /** An event crmflow does not act on (delivered, opened …): acknowledged so Mailgun stops sending it. */
    IGNORED,
    /** The event was processed before; nothing was done this time. */
    REPEATED
  }

  /** What {@code POST /api/inbound/email/mailgun/events} answers. */
  @Schema(name = "DeliveryEventReceipt")
  public record Receipt(String eventId, Outcome outcome) {
  }

  @Transactional
  public Receipt receive(MailgunEvent event) {
    MailgunEvent.EventData data = event.eventData();
    if (data == null) {
      throw new InvalidFieldException("event-data", "is required");
    }
    String eventId = required(data.id(), "event-data.id");
    if (eventId.length() > MAX_EVENT_ID) {
      throw new InvalidFieldException("event-data.id", "must be at most " + MAX_EVENT_ID + " characters");
    }
    String type = required(data.event(), "event-data.event");
    if (!inboundEvents.claim(MailgunSignature.PROVIDER, eventId, "event")) {
      log.info("Mailgun event {} was received before; not processed again", eventId);
      return new Receipt(eventId, Outcome.REPEATED);
    }
    signature.claimToken(event.signatureFields());
    Optional<MessageLogEntry> message = Optional.ofNullable(data.message()).map(MailgunEvent.Message::messageId)
        .flatMap(messageLog::findByMessageId);
    Outcome outcome = switch (type) {
      case "failed" -> "permanent".equals(data.severity()) ? hardBounce(recipient(data, message), message)
          : Outcome.TEMPORARY_FAILURE;
      case "complained" -> complaint(recipient(data, message), message);
      default -> Outcome.IGNORED;
    };
    // the event and the message it concerns, never the address
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("eventId", eventId);
    details.put("event", type);
    if (data.severity() != null) {
      details.put("severity", data.severity());
    }
    details.put("messageId", message.map(MessageLogEntry::id).orElse(null));
    auditLog.record(MailgunSignature.PROVIDER, "email." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        message.map(MessageLogEntry::recordType).flatMap(RecordType::named).orElse(null),
        message.map(MessageLogEntry::recordId).orElse(null), details);
    log.info("Mailgun event {} ({}): {}", eventId, type, outcome);
    return new Receipt(eventId, outcome);
  }

  private Outcome hardBounce(String address, Optional<MessageLogEntry> message) {
    suppressions.suppress(address, "hard bounce");
    message.ifPresent(entry -> {
      messageLog.reportDelivery(entry.id(), MessageStatus.FAILED,
          "bounced permanently (Mailgun): the address is marked invalid and suppressed");
      // the contact's address, unless it has changed since this message went out
      Optional.ofNullable(entry.contactId()).flatMap(contacts::find)
          .filter(contact -> contact.email() != null
              && EmailAddress.normalize(contact.email()).equals(EmailAddress.normalize(address)))
          .ifPresent(contact -> contacts.markEmailInvalid(contact.id()));
    });
    return Outcome.HARD_BOUNCE;
  }

  private Outcome complaint(String address, Optional<MessageLogEntry> message) {
    suppressions.suppress(address, "complaint");
    message.ifPresent(entry -> messageLog.reportDelivery(entry.id(), entry.status(),
        "the recipient complained (marked it as spam): the address gets no marketing any more"));
    return Outcome.COMPLAINT;
  }

  /** The address the event is about: as Mailgun names it, else the message's. */
  private static String recipient(MailgunEvent.EventData data, Optional<MessageLogEntry> message) {
    if (data.recipient() != null && !data.recipient().isBlank()) {
      return data.recipient().strip();
    }
    return message.map(MessageLogEntry::recipient)
        .orElseThrow(() -> new InvalidFieldException("event-data.recipient", "is required"));
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException(field, "is required");
    }
    return value.strip();
  }
}

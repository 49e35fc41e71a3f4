package io.crmflow.messaging;

import io.crmflow.security.StaffDirectory;
import io.crmflow.contact.ContactLocale;
import io.crmflow.contact.ContactService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmflow.messaging.sms.SmsMessage;
import io.crmflow.messaging.sms.SmsPermanentFailure;
import io.crmflow.messaging.sms.SmsSender;
import java.time.Duration;
import io.crmflow.contact.Redaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.crmflow.web.PublicUrl;
import org.springframework.stereotype.Service;

/**
 * Sends every customer and staff message: decides whether it may go (consent, suppression list,
 * marketing frequency cap), sends it once, and records each decision and attempt in the message log.
 */
@Service
public class MessageService {

  private static final Logger log = LoggerFactory.getLogger(MessageService.class);
  private static final Duration CAP_WINDOW = Duration.ofHours(24);
  /** How long a claimed deferred message is out of other instances' reach while it is being sent. */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
  /** Waits before the next try of a deferred message whose send failed (the last one repeats). */
  static final List<Duration> DEFERRED_RETRIES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofHours(2));
  /** Tries a deferred message gets in all, the job's included; then it is FAILED and an incident raised. */
  static final int MAX_ATTEMPTS = 6;

  private final MessageLog messageLog;
  private final MailTemplates templates;
  private final EmailSender emailSender;
  private final SmsSender smsSender;
  private final Suppressions suppressions;
  private final UnsubscribeTokens unsubscribeTokens;
  private final MessagingProperties properties;
  private final ObjectMapper objectMapper;
  private final List<ContactResolver> contactResolvers;
  private final ContactService contacts;
  private final MessageIncidents incidents;
  private final PublicUrl publicUrl;
  private final ReplyAddresses replyAddresses;

  MessageService(MessageLog messageLog, MailTemplates templates, EmailSender emailSender, SmsSender smsSender,
      Suppressions suppressions, UnsubscribeTokens unsubscribeTokens, MessagingProperties properties,
      ObjectMapper objectMapper, List<ContactResolver> contactResolvers, ContactService contacts,
      MessageIncidents incidents, PublicUrl publicUrl, ReplyAddresses replyAddresses) {
    this.replyAddresses = replyAddresses;
    this.contactResolvers = contactResolvers;
    this.contacts = contacts;
    this.incidents = incidents;
    this.messageLog = messageLog;
    this.templates = templates;
    this.emailSender = emailSender;
    this.smsSender = smsSender;
    this.suppressions = suppressions;
    this.unsubscribeTokens = unsubscribeTokens;
    this.properties = properties;
    this.objectMapper = objectMapper;
    this.publicUrl = publicUrl;
  }

  /**
   * Sends the message unless the log says this step already decided it (a retried job): then
   * that decision stands and nothing is sent again.
   *
   * @return what became of the message
   * @throws MessageUndeliverable when the message can never be delivered (not retried)
   */
  public MessageStatus send(OutgoingMessage message) {
    MessageLogEntry entry = messageLog.beginAttempt(message);
    if (entry.status() != MessageStatus.QUEUED) {
      log.info("Message {} already {}; not sent again", message.messageKey(), entry.status());
      return entry.status();
    }
    if (message.category() == MessageCategory.MARKETING && !message.marketingConsent()) {
      return suppress(entry, "no marketing consent");
    }
    return deliver(entry, message.model());
  }

  /** The record the instance works on and its contact, as the capability owning the record knows them. */
  public Optional<RecordContact> recordContactOf(DelegateExecution execution) {
    return contactResolvers.stream()
        .map(resolver -> resolver.contactOf(execution))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * An email to a member of staff (transactional, in English), keyed per recipient so a step
   * writing to a whole group sends each member exactly one.
   */
  public MessageStatus sendToStaff(DelegateExecution execution, String template, StaffDirectory.StaffMember member,
      String recipientKind, Map<String, Object> model) {
    return sendToStaff(execution, Channel.EMAIL, template, member, recipientKind, model);
  }

  /**
   * As {@link #sendToStaff(DelegateExecution, String, StaffDirectory.StaffMember, String, Map)}, by SMS or
   * email. The message is logged against the contact the instance's record is about, since its text
   * may name them: export and erasure find it there.
   */
  public MessageStatus sendToStaff(DelegateExecution execution, Channel channel, String template,
      StaffDirectory.StaffMember member, String recipientKind, Map<String, Object> model) {
    return send(staffMessage(execution, channel, template, member, recipientKind, model));
  }

  private OutgoingMessage staffMessage(DelegateExecution execution, Channel channel, String template,
      StaffDirectory.StaffMember member, String recipientKind, Map<String, Object> model) {
    Map<String, Object> values = new HashMap<>(model);
    values.putIfAbsent("name", member.displayName());
    String key = MessageKeys.of(execution, member.userId() + (channel == Channel.SMS ? ".sms" : ""));
    return new OutgoingMessage(channel, template, MessageCategory.TRANSACTIONAL, key,
        MessageKeys.messageId(key), recipientKind, channel == Channel.SMS ? member.phone() : member.email(),
        member.displayName(), ContactLocale.EN, true,
        recordContactOf(execution).map(RecordContact::contactId).orElse(null), "user", member.userId(),
        execution.getProcessInstanceId(), execution.getCurrentActivityId(), values);
  }

  /**
   * A staff message to each member of a group, within {@code crmflow.messaging.group-send-budget}: once it is spent the
   * job fails and its retry sends to the rest (members already sent to are recognised and skipped), so
   * no job outlasts its lock however large the group (docs/operations.md, job lock time).
   */
  public void sendToGroup(DelegateExecution execution, Channel channel, String template,
      List<StaffDirectory.StaffMember> members, String recipientKind, Map<String, Object> model) {
    Instant deadline = Instant.now().plus(properties.groupSendBudget());
    int sentThisTry = 0;
    for (StaffDirectory.StaffMember member : members) {
      OutgoingMessage message = staffMessage(execution, channel, template, member, recipientKind, model);
      if (messageLog.findByKey(message.messageKey()).filter(entry -> entry.status() != MessageStatus.QUEUED)
          .isPresent()) {
        continue;  // decided in an earlier try
      }
      if (sentThisTry > 0 && Instant.now().isAfter(deadline)) {
        throw new MessageDeliveryFailed("Sent '" + template + "' to " + sentThisTry + " more of " + members.size()
            + " members within " + properties.groupSendBudget() + "; the rest on the next try");
      }
      send(message);
      sentThisTry++;
    }
  }

  /**
   * Sends a deferred message whose time has come (see {@link DeferredMessageDispatcher}), unless its
   * person can no longer get it: erased, or consent withdrawn meanwhile. A failed send is tried again
   * after {@link #DEFERRED_RETRIES}, up to {@link #MAX_ATTEMPTS} tries; then the message is FAILED and,
   * while its workflow still runs, a Cockpit incident says so.
   */
  void sendDeferred(MessageLogEntry due) {
    if (!messageLog.claimDeferred(due.messageKey(), Instant.now().plus(CLAIM_LEASE))) {
      return;
    }
    MessageLogEntry entry = messageLog.findByKey(due.messageKey()).orElseThrow();
    Optional<String> gone = whyNotToSend(entry);
    if (gone.isPresent()) {
      suppress(entry, gone.get());
      return;
    }
    // a deferred message is rendered from the model stored when it was deferred (staff messages are never deferred)
    Map<String, Object> model = messageLog.modelJson(entry.messageKey()).map(this::fromJson).orElseGet(HashMap::new);
    try {
      deliver(entry, model);
    } catch (MessageUndeliverable e) {
      log.warn("Deferred message {} is undeliverable: {}", entry.messageKey(), Redaction.redact(e.getMessage()));
    } catch (RuntimeException e) {
      retryOrGiveUp(entry, e);
    }
  }

  /** A deferred message's person may have been erased or withdrawn consent while it waited. */
  private Optional<String> whyNotToSend(MessageLogEntry entry) {
    if (entry.recipient() == null) {
      return Optional.of("the contact's data was erased");
    }
    if (entry.category() == MessageCategory.MARKETING && entry.contactId() != null) {
      boolean consented = contacts.find(entry.contactId())
          .map(contact -> entry.channel() == Channel.EMAIL ? contact.marketingConsent() : contact.smsConsent())
          .orElse(false);
      if (!consented) {
        return Optional.of("the contact withdrew marketing consent");
      }
    }
    return Optional.empty();
  }

  private void retryOrGiveUp(MessageLogEntry entry, RuntimeException failure) {
    // every try counts, the job's that deferred the message included
    int attempts = entry.attempts() + 1;
    String detail = "attempt " + attempts + " failed: " + failure.getMessage();
    if (attempts < MAX_ATTEMPTS) {
      Duration wait = DEFERRED_RETRIES.get(Math.min(attempts, DEFERRED_RETRIES.size()) - 1);
      messageLog.retryDeferred(entry.messageKey(), Instant.now().plus(wait), detail);
      log.warn("Deferred message {} failed, trying again in {}: {}", entry.messageKey(), wait,
          Redaction.redact(failure.getMessage()));
      return;
    }
    messageLog.mark(entry.messageKey(), MessageStatus.FAILED, detail);
    log.error("Deferred message {} failed {} times; given up: {}", entry.messageKey(), attempts,
        Redaction.redact(failure.getMessage()));
    incidents.report(entry, "Deferred message " + entry.messageKey() + " (" + entry.template() + ") could not be sent "
        + "in " + attempts + " attempts: " + failure.getClass().getSimpleName());
  }

  private MessageStatus deliver(MessageLogEntry entry, Map<String, Object> model) {
    if (entry.category() == MessageCategory.MARKETING) {
      if (suppressions.isSuppressed(entry.recipient())) {
        return suppress(entry, "address unsubscribed");
      }
      // each channel has its own cap: a marketing email does not use up the day's marketing SMS
      Optional<Instant> allowedAt = messageLog.takeMarketingSlot(entry, properties.marketingCapPerDay(), CAP_WINDOW);
      if (allowedAt.isPresent()) {
        messageLog.defer(entry.messageKey(), allowedAt.get(), toJson(model));
        log.info("Message {} deferred to {} (marketing cap)", entry.messageKey(), allowedAt.get());
        return MessageStatus.DEFERRED;
      }
    }
    String providerMessageId = null;
    try {
      if (entry.channel() == Channel.EMAIL) {
        sendEmail(entry, model);
      } else {
        providerMessageId = sendSms(entry, model);
      }
    } catch (MessageUndeliverable e) {
      messageLog.mark(entry.messageKey(), MessageStatus.FAILED, e.getMessage());
      log.warn("Message {} undeliverable: {}", entry.messageKey(), Redaction.redact(e.getMessage()));
      throw e;
    } catch (RuntimeException e) {
      // the full text stays in the message log (erasable); the job, its log and the engine log get it redacted
      messageLog.mark(entry.messageKey(), MessageStatus.QUEUED, "attempt " + entry.attempts() + " failed: "
          + e.getMessage());
      throw new MessageDeliveryFailed("Message " + entry.messageKey() + " attempt " + entry.attempts() + " failed: "
          + e.getClass().getSimpleName() + ": " + Redaction.redact(e.getMessage()));
    }
    messageLog.markSent(entry.messageKey(), providerMessageId);
    log.info("Message {} ({} '{}') sent", entry.messageKey(), entry.channel(), entry.template());
    return MessageStatus.SENT;
  }

  private void sendEmail(MessageLogEntry entry, Map<String, Object> model) {
    Map<String, Object> values = new HashMap<>(model);
    // where recipients reach crmflow, for links in any template
    values.put("publicUrl", publicUrl.toString());
    Map<String, String> headers = new LinkedHashMap<>();
    if (entry.category() == MessageCategory.MARKETING) {
      String unsubscribeUrl = publicUrl.link("/unsubscribe/" + unsubscribeTokens.issue(entry.id()));
      values.put("unsubscribeUrl", unsubscribeUrl);
      // RFC 8058 one-click unsubscribe: mail clients POST to the link without opening a page
      headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    // a reply comes back through the provider's inbound webhook, matched to this message (docs/inbound-email.md)
    replyAddresses.of(entry.id()).ifPresent(address -> headers.put("Reply-To", address));
    MailTemplates.RenderedMail mail = templates.render(entry.template(), entry.locale(), values);
    emailSender.send(entry.recipient(), entry.recipientName(), mail, messageIdOf(entry), headers);
  }

  /** @return the provider's id of the message, which its delivery reports name */
  private String sendSms(MessageLogEntry entry, Map<String, Object> model) {
    String body = templates.renderText(entry.template(), entry.locale(), model);
    try {
      return smsSender.send(new SmsMessage(entry.recipient(), body, entry.messageKey())).providerMessageId();
    } catch (SmsPermanentFailure e) {
      throw new MessageUndeliverable(Channel.SMS, e.getMessage(), e);
    }
  }

  private MessageStatus suppress(MessageLogEntry entry, String reason) {
    messageLog.mark(entry.messageKey(), MessageStatus.SUPPRESSED, reason);
    log.info("Message {} suppressed: {}", entry.messageKey(), reason);
    return MessageStatus.SUPPRESSED;
  }

  private static String messageIdOf(MessageLogEntry entry) {
    return entry.messageId() != null ? entry.messageId() : MessageKeys.messageId(entry.messageKey());
  }

  private String toJson(Map<String, Object> model) {
    try {
      return objectMapper.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Message model is not serialisable", e);
    }
  }

  private Map<String, Object> fromJson(String json) {
    try {
      return objectMapper.readValue(json, new TypeReference<>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored message model is not JSON", e);
    }
  }
}

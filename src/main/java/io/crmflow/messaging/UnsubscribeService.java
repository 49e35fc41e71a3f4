package io.crmflow.messaging;

import io.crmflow.contact.ContactService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-click unsubscribes: the address goes on the suppression list, the person's contact loses its
 * marketing email consent, and the workflows of the message's record hear of it.
 */
@Service
public class UnsubscribeService {

  /** The BPMN message a process catches to end its sequences for a contact who unsubscribed. */
  public static final String CONTACT_UNSUBSCRIBED = "ContactUnsubscribed";
  private static final Logger log = LoggerFactory.getLogger(UnsubscribeService.class);

  private final UnsubscribeTokens tokens;
  private final MessageLog messageLog;
  private final Suppressions suppressions;
  private final RuntimeService runtimeService;
  private final ContactService contacts;

  UnsubscribeService(UnsubscribeTokens tokens, MessageLog messageLog, Suppressions suppressions,
      RuntimeService runtimeService, ContactService contacts) {
    this.contacts = contacts;
    this.tokens = tokens;
    this.messageLog = messageLog;
    this.suppressions = suppressions;
    this.runtimeService = runtimeService;
  }

  /** @return false when the token is forged, expired or names no message */
  public boolean isValid(String token) {
    return tokens.verify(token).flatMap(messageLog::findById).isPresent();
  }

  /** @return false when the token is forged, expired or names no message; repeating it is harmless */
  @Transactional
  public boolean unsubscribe(String token) {
    var entry = tokens.verify(token).flatMap(messageLog::findById);
    if (entry.isEmpty() || entry.get().recipient() == null) {
      return false;
    }
    suppressions.suppress(entry.get().recipient(), "unsubscribe");
    if (entry.get().contactId() != null) {
      contacts.withdrawMarketingConsent(entry.get().contactId());
    }
    if (entry.get().recordId() != null) {
      int notified = runtimeService.createMessageCorrelation(CONTACT_UNSUBSCRIBED)
          .processInstanceBusinessKey(entry.get().recordId())
          .correlateAllWithResult().size();
      log.info("Contact of {} {} unsubscribed; {} running workflow(s) notified", entry.get().recordType(),
          entry.get().recordId(), notified);
    }
    return true;
  }
}

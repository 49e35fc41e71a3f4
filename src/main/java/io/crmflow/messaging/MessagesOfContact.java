package io.crmflow.messaging;

import io.crmflow.contact.ContactRecords;
import io.crmflow.contact.Viewer;
import io.crmflow.security.CrmGroups;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The contact view's "messages": what was sent to or about the person. Admins see all of them;
 * everyone else sees the messages about the records the view showed them (sales the leads' emails,
 * support the cases').
 */
@Component
@Order(90)
class MessagesOfContact implements ContactRecords {

  private static final int LIMIT = 200;

  private final MessageLog messageLog;

  MessagesOfContact(MessageLog messageLog) {
    this.messageLog = messageLog;
  }

  @Override
  public String name() {
    return "messages";
  }

  @Override
  public Optional<Section> of(String contactId, Viewer viewer) {
    boolean all = viewer.inAnyOf(List.of(CrmGroups.ADMINS));
    List<MessageLogEntry> messages = messageLog.forContact(contactId, LIMIT).stream()
        .filter(message -> all || (message.recordId() != null && viewer.wasShown(message.recordId())))
        .toList();
    return Optional.of(new Section(messages, List.of()));
  }
}

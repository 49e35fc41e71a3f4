package io.crmflow.messaging;

import io.crmflow.contact.ContactMergeParticipant;
import io.crmflow.contact.ContactService;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Merging two contacts: the duplicate's messages become the survivor's (the marketing cap counts
 * them together from now on), and every suppression is kept — if either person's address is on the
 * suppression list, all addresses of the merged contact are.
 */
@Component
class MessagingContactMerge implements ContactMergeParticipant {

  private final MessageLog messageLog;
  private final Suppressions suppressions;
  private final ContactService contacts;

  MessagingContactMerge(MessageLog messageLog, Suppressions suppressions, ContactService contacts) {
    this.messageLog = messageLog;
    this.suppressions = suppressions;
    this.contacts = contacts;
  }

  @Override
  public void merge(String survivorId, String duplicateId) {
    messageLog.moveToContact(duplicateId, survivorId);
    List<String> addresses = Stream.concat(contacts.addresses(survivorId).stream(),
        contacts.addresses(duplicateId).stream()).toList();
    if (addresses.stream().anyMatch(suppressions::isSuppressed)) {
      addresses.forEach(address -> suppressions.suppress(address, "merge"));
    }
  }
}

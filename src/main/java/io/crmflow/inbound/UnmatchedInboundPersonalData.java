package io.crmflow.inbound;

import io.crmflow.contact.Contact;
import io.crmflow.contact.ContactService;
import io.crmflow.contact.DataSubject;
import io.crmflow.contact.PersonalDataHolder;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Unmatched inbound messages in export and erasure: those stored against the person's contact and those
 * sent from their number, which may predate the contact. Erasure deletes them (they belong to no record
 * whose statistics would need the row). Runs before the contact itself is erased, while its number is known.
 */
@Component
class UnmatchedInboundPersonalData implements PersonalDataHolder {

  private final UnmatchedInboundMessages messages;
  private final ContactService contacts;

  UnmatchedInboundPersonalData(UnmatchedInboundMessages messages, ContactService contacts) {
    this.messages = messages;
    this.contacts = contacts;
  }

  @Override
  public String category() {
    return "unmatchedInboundMessages";
  }

  @Override
  public List<String> recordIds(String contactId) {
    return List.of();
  }

  @Override
  public Object export(DataSubject subject) {
    return messages.of(subject.contactId(), phoneOf(subject));
  }

  @Override
  public int erase(DataSubject subject) {
    return messages.delete(subject.contactId(), phoneOf(subject));
  }

  private String phoneOf(DataSubject subject) {
    return contacts.find(subject.contactId()).map(Contact::phone).orElse(null);
  }
}

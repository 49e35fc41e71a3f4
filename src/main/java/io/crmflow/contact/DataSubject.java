package io.crmflow.contact;

import io.crmflow.contact.PersonalDataHolder;
import java.util.List;

/**
 * The person an export or erasure is about: their contact, every address it is known by (normalised)
 * and the ids of every record any {@link PersonalDataHolder} keeps about them (collected before
 * anything is erased).
 */
public record DataSubject(String contactId, List<String> addresses, List<String> recordIds) {

  public DataSubject {
    addresses = List.copyOf(addresses);
    recordIds = List.copyOf(recordIds);
  }
}

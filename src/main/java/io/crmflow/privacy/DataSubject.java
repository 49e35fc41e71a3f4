package io.crmflow.privacy;

import java.util.List;
import java.util.Locale;

/**
 * The person an export or erasure is about: their email address and the ids of every record any
 * {@link PersonalDataHolder} keeps about them (collected before anything is erased).
 */
public record DataSubject(String email, List<String> recordIds) {

  public DataSubject {
    recordIds = List.copyOf(recordIds);
  }

  /** The address as crmflow compares addresses: trimmed, lower case. */
  public String normalizedEmail() {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}

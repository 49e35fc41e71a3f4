package io.crmflow.contact;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Who is looking at a contact: their groups, and the records the view has shown them so far. */
public final class Viewer {

  private final Set<String> groups;
  private final Set<String> shownRecordIds = new LinkedHashSet<>();

  public Viewer(Collection<String> groups) {
    this.groups = Set.copyOf(groups);
  }

  public boolean inAnyOf(Collection<String> candidates) {
    return candidates.stream().anyMatch(groups::contains);
  }

  /** Whether a record was shown to the viewer by an earlier section. */
  public boolean wasShown(String recordId) {
    return shownRecordIds.contains(recordId);
  }

  void shown(Collection<String> recordIds) {
    shownRecordIds.addAll(recordIds);
  }

  Set<String> shownRecordIds() {
    return Set.copyOf(shownRecordIds);
  }
}

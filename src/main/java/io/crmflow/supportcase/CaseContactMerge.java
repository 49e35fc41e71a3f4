package io.crmflow.supportcase;

import io.crmflow.contact.ContactMergeParticipant;
import org.springframework.stereotype.Component;

/** Merging two contacts: the duplicate's cases become the survivor's. */
@Component
class CaseContactMerge implements ContactMergeParticipant {

  private final CaseRepository cases;

  CaseContactMerge(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void merge(String survivorId, String duplicateId) {
    cases.moveToContact(duplicateId, survivorId);
  }
}

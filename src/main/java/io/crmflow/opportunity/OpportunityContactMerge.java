package io.crmflow.opportunity;

import io.crmflow.contact.ContactMergeParticipant;
import org.springframework.stereotype.Component;

/** Merging two contacts: the duplicate's opportunities become the survivor's. */
@Component
class OpportunityContactMerge implements ContactMergeParticipant {

  private final OpportunityRepository opportunities;

  OpportunityContactMerge(OpportunityRepository opportunities) {
    this.opportunities = opportunities;
  }

  @Override
  public void merge(String survivorId, String duplicateId) {
    opportunities.moveToContact(duplicateId, survivorId);
  }
}

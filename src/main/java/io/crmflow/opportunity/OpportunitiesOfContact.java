package io.crmflow.opportunity;

import io.crmflow.contact.ContactRecords;
import io.crmflow.contact.Viewer;
import io.crmflow.security.CrmGroups;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The contact view's "opportunities", for those who may read opportunities. */
@Component
@Order(20)
class OpportunitiesOfContact implements ContactRecords {

  private final OpportunityRepository opportunities;

  OpportunitiesOfContact(OpportunityRepository opportunities) {
    this.opportunities = opportunities;
  }

  @Override
  public String name() {
    return "opportunities";
  }

  @Override
  public Optional<Section> of(String contactId, Viewer viewer) {
    return ContactRecords.forReaders(viewer, CrmGroups.OPPORTUNITY_READERS, () -> opportunities.forContact(contactId),
        Opportunity::id);
  }
}

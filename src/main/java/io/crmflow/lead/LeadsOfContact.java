package io.crmflow.lead;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.contact.ContactRecords;
import io.crmflow.contact.Viewer;
import io.crmflow.security.CrmGroups;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The contact view's "leads": every lead of the person with the reviewer's note, for those who may read leads. */
@Component
@Order(10)
class LeadsOfContact implements ContactRecords {

  private final LeadRepository leads;

  LeadsOfContact(LeadRepository leads) {
    this.leads = leads;
  }

  record LeadOfContact(@JsonUnwrapped Lead lead, String reviewNote) {
  }

  @Override
  public String name() {
    return "leads";
  }

  @Override
  public Optional<Section> of(String contactId, Viewer viewer) {
    return ContactRecords.forReaders(viewer, CrmGroups.LEAD_READERS, () -> leads.forContact(contactId).stream()
        .map(lead -> new LeadOfContact(lead, leads.reviewNote(lead.id()).orElse(null))).toList(),
        lead -> lead.lead().id());
  }
}

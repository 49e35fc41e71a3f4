package io.crmflow.lead;

import io.crmflow.messaging.ContactResolver;
import io.crmflow.messaging.RecordContact;
import io.crmflow.shared.RecordType;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** A lead's contact is the person of every process that carries the lead's id (lead-intake, nurture, quotes…). */
@Component
class LeadContacts implements ContactResolver {

  private final LeadRepository leads;

  LeadContacts(LeadRepository leads) {
    this.leads = leads;
  }

  @Override
  public Optional<RecordContact> contactOf(DelegateExecution execution) {
    String leadId = LeadIntakeProcess.LEAD_ID.getOrNull(execution);
    return leadId == null ? Optional.empty()
        : leads.contactOf(leadId).map(contactId -> new RecordContact(RecordType.LEAD.id(), leadId, contactId));
  }
}

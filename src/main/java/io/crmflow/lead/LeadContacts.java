package io.crmflow.lead;

import io.crmflow.messaging.Contact;
import io.crmflow.messaging.ContactResolver;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** A lead is the contact of every process that carries its id (lead-intake, nurture…). */
@Component
class LeadContacts implements ContactResolver {

  static final String RECORD_TYPE = "lead";

  private final LeadRepository leads;

  LeadContacts(LeadRepository leads) {
    this.leads = leads;
  }

  @Override
  public Optional<Contact> contactOf(DelegateExecution execution) {
    String leadId = LeadIntakeProcess.LEAD_ID.getOrNull(execution);
    return leadId == null ? Optional.empty() : contact(RECORD_TYPE, leadId);
  }

  @Override
  public Optional<Contact> contact(String recordType, String recordId) {
    if (!RECORD_TYPE.equals(recordType)) {
      return Optional.empty();
    }
    return leads.findById(recordId).map(lead -> new Contact(RECORD_TYPE, lead.id(), lead.name(), lead.email(),
        lead.phone(), lead.company(), lead.locale(), lead.marketingConsent()));
  }
}

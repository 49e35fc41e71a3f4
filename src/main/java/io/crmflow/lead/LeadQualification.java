package io.crmflow.lead;

import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A reviewed lead turns into business: the opportunity it becomes, owned by its reviewer. */
@Service
public class LeadQualification {

  private final LeadService leads;
  private final OpportunityService opportunities;

  LeadQualification(LeadService leads, OpportunityService opportunities) {
    this.leads = leads;
    this.opportunities = opportunities;
  }

  /** Opens the lead's opportunity (lead-intake's "Create opportunity"); idempotent. */
  @Transactional
  public Opportunity openOpportunity(String leadId, String owner) {
    Lead lead = leads.get(leadId);
    return opportunities.openForLead(lead.id(), lead.contactId(), owner);
  }

  /** Marks the lead qualified and opens its opportunity, as a reviewer's "qualified" does; idempotent. */
  @Transactional
  public Opportunity qualify(String leadId, String owner) {
    leads.changeStatus(leadId, LeadStatus.QUALIFIED);
    return openOpportunity(leadId, owner);
  }
}

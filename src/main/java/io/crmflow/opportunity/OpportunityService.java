package io.crmflow.opportunity;

import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadStatus;
import io.crmflow.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OpportunityService {

  private static final Logger log = LoggerFactory.getLogger(OpportunityService.class);

  private final OpportunityRepository opportunities;
  private final LeadService leadService;

  OpportunityService(OpportunityRepository opportunities, LeadService leadService) {
    this.opportunities = opportunities;
    this.leadService = leadService;
  }

  /**
   * A reviewer qualified the lead: it becomes an opportunity they own. Idempotent — a retried
   * job finds the opportunity already opened for this lead.
   */
  @Transactional
  public Opportunity openForQualifiedLead(String leadId, String owner) {
    Opportunity opportunity = opportunities.findByLead(leadId).orElseGet(() -> {
      Opportunity created = new Opportunity(UUID.randomUUID().toString(), leadId, owner, OpportunityStatus.OPEN,
          Instant.now());
      opportunities.insert(created);
      log.info("Opportunity {} opened for lead {}, owner {}", created.id(), leadId, owner);
      return created;
    });
    leadService.changeStatus(leadId, LeadStatus.QUALIFIED);
    return opportunity;
  }

  public Opportunity get(String opportunityId) {
    return opportunities.findById(opportunityId).orElseThrow(() -> ApiException.notFound("Opportunity", opportunityId));
  }

  public List<Opportunity> list(String leadId, String owner, int limit) {
    return opportunities.list(leadId, owner, limit);
  }
}

package io.crmflow.opportunity;

import io.crmflow.contact.ContactService;
import io.crmflow.contact.LifecycleStage;
import io.crmflow.process.RecordChange;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import io.crmflow.web.Page;
import io.crmflow.web.Paging;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OpportunityService {

  private static final Logger log = LoggerFactory.getLogger(OpportunityService.class);

  private final OpportunityRepository opportunities;
  private final ContactService contacts;
  private final ApplicationEventPublisher events;

  OpportunityService(OpportunityRepository opportunities, ContactService contacts,
      ApplicationEventPublisher events) {
    this.opportunities = opportunities;
    this.contacts = contacts;
    this.events = events;
  }

  /**
   * A reviewer qualified the lead: it becomes an opportunity they own, and its person's contact an
   * opportunity in the lifecycle; a new opportunity publishes {@code Opportunity.Opened}. Idempotent — a retried job finds the opportunity already opened for
   * this lead.
   */
  @Transactional
  public Opportunity openForLead(String leadId, String contactId, String owner) {
    Opportunity opportunity = opportunities.findByLead(leadId).orElseGet(() -> {
      Opportunity created = new Opportunity(UUID.randomUUID().toString(), leadId, contactId, owner,
          OpportunityStatus.OPEN, Instant.now());
      opportunities.insert(created);
      log.info("Opportunity {} opened for lead {}, owner {}", created.id(), leadId, owner);
      // once, with the row: a retried step finds the opportunity and starts no second follow-up
      events.publishEvent(RecordChange.of(RecordType.OPPORTUNITY, OpportunityChangeMessages.OPENED, created.id())
          .with("status", OpportunityStatus.OPEN.name()).with("owner", owner));
      return created;
    });
    contacts.advance(contactId, LifecycleStage.OPPORTUNITY);
    return opportunity;
  }

  /** The customer accepted a quote: the opportunity is won and its person a customer. Idempotent. */
  @Transactional
  public Opportunity markWon(String opportunityId) {
    Opportunity won = close(opportunityId, OpportunityStatus.WON, OpportunityChangeMessages.WON);
    contacts.advance(won.contactId(), LifecycleStage.CUSTOMER);
    return won;
  }

  /** The customer declined a quote or let it expire: the opportunity is lost. Idempotent. */
  @Transactional
  public Opportunity markLost(String opportunityId) {
    return close(opportunityId, OpportunityStatus.LOST, OpportunityChangeMessages.LOST);
  }

  /**
   * Closes an open opportunity and publishes {@code Opportunity.Won|Lost} and
   * {@code Opportunity.StatusChanged} (variables status and owner, a user id); a retried step finds it closed already and publishes nothing again.
   */
  private Opportunity close(String opportunityId, OpportunityStatus status, String change) {
    Opportunity opportunity = get(opportunityId);
    if (opportunities.close(opportunityId, status)) {
      log.info("Opportunity {} is now {}", opportunityId, status);
      events.publishEvent(RecordChange.of(RecordType.OPPORTUNITY, change, opportunityId)
          .with("status", status.name()).with("owner", opportunity.owner()));
      events.publishEvent(RecordChange.of(RecordType.OPPORTUNITY, OpportunityChangeMessages.STATUS_CHANGED, opportunityId)
          .with("status", status.name()).with("owner", opportunity.owner()));
      return get(opportunityId);
    }
    if (opportunity.status() != status) {
      log.warn("Opportunity {} is {}, not OPEN; left as it is", opportunityId, opportunity.status());
    }
    return opportunity;
  }

  public Opportunity get(String opportunityId) {
    return opportunities.findById(opportunityId).orElseThrow(() -> new NotFoundException(RecordType.OPPORTUNITY, opportunityId));
  }

  /** One page of the opportunities the filter matches ({@code GET /api/opportunities}, the workspace's list). */
  public Page<OpportunitySummary> list(OpportunityFilter filter, Paging paging) {
    return opportunities.list(filter, paging);
  }

  /** The opportunity a qualified lead became, if it did. */
  public java.util.Optional<Opportunity> forLead(String leadId) {
    return opportunities.findByLead(leadId);
  }

  /** Every opportunity with the person, newest first. */
  public List<Opportunity> forContact(String contactId) {
    return opportunities.forContact(contactId);
  }
}

package io.crmflow.lead;

import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import static io.crmflow.lead.LeadNurtureProcess.KEY;
import static io.crmflow.lead.LeadNurtureProcess.LEAD_ID;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a lead's nurture sequence and delivers the messages that end it. A person is never in two
 * sequences: the lead row is locked, a running sequence is looked for by the lead and by its contact,
 * and the unique running_lead_id and running_contact_id of crm_lead_nurture stop whatever slips past.
 */
@Service
class LeadNurtureService {

  private static final Logger log = LoggerFactory.getLogger(LeadNurtureService.class);

  private final LeadRepository leads;
  private final LeadNurtureRepository nurtures;
  private final RuntimeService runtimeService;

  LeadNurtureService(LeadRepository leads, LeadNurtureRepository nurtures, RuntimeService runtimeService) {
    this.leads = leads;
    this.nurtures = nurtures;
    this.runtimeService = runtimeService;
  }

  /**
   * Starts the sequence by the message LeadNurtureRequested, unless the lead's contact has no marketing
   * consent or the lead or its contact is in a sequence already (then that one's id is returned).
   *
   * @return the running sequence's process instance id; empty without marketing consent
   */
  @Transactional
  public Optional<String> start(String leadId) {
    Lead lead = leads.lockById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
    if (!lead.marketingConsent()) {
      log.info("Lead {} has no marketing consent; no nurture sequence", leadId);
      return Optional.empty();
    }
    Optional<ProcessInstance> running = running(leadId);
    if (running.isPresent()) {
      log.info("Lead {} is already in nurture sequence {}", leadId, running.get().getId());
      return Optional.of(running.get().getId());
    }
    var personsSequence = nurtures.runningForContact(lead.contactId());
    if (personsSequence.isPresent()) {
      log.info("Lead {}: its contact {} is already in nurture sequence {} (lead {})", leadId, lead.contactId(),
          personsSequence.get().processInstanceId(), personsSequence.get().leadId());
      return Optional.of(personsSequence.get().processInstanceId());
    }
    ProcessInstance started = runtimeService.createMessageCorrelation(LeadNurtureProcess.MESSAGE_NURTURE_REQUESTED)
        .processInstanceBusinessKey(leadId)
        .setVariables(LEAD_ID.putInto(new java.util.HashMap<>(), leadId))
        .correlateStartMessage();
    log.info("Lead {}: nurture sequence {} started", leadId, started.getId());
    return Optional.of(started.getId());
  }

  Optional<ProcessInstance> running(String leadId) {
    return Optional.ofNullable(runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(KEY).processInstanceBusinessKey(leadId).singleResult());
  }

  /** Delivers a message to the lead's running sequence; false when none is running. */
  boolean tell(String leadId, String message, Map<String, Object> variables) {
    Optional<ProcessInstance> running = running(leadId);
    if (running.isEmpty()) {
      return false;
    }
    runtimeService.createMessageCorrelation(message)
        .processInstanceId(running.get().getId())
        .setVariables(variables)
        .correlateWithResult();
    log.info("{} for lead {} reached nurture sequence {}", message, leadId, running.get().getId());
    return true;
  }

  /** The sequence's start listener: claims the lead and its person; fails when another sequence of either runs. */
  void register(String processInstanceId, String leadId) {
    Lead lead = leads.findById(leadId).orElseThrow(() -> new NotFoundException(RecordType.LEAD, leadId));
    nurtures.insertRunning(processInstanceId, leadId, lead.contactId());
  }

  void recordExit(String processInstanceId, NurtureExitReason reason) {
    nurtures.recordExit(processInstanceId, reason);
  }

  void release(String processInstanceId) {
    nurtures.release(processInstanceId);
  }
}

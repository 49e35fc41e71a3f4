package io.crmflow.lead;

import io.crmflow.contact.ContactMergeParticipant;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Merging two contacts: the duplicate's leads move to the survivor. A person gets one nurture
 * sequence: when both are in one, the duplicate's ends (MERGED, its lead COLD) and the survivor's
 * goes on; when only the duplicate's runs, it runs on for the survivor.
 */
@Component
class LeadContactMerge implements ContactMergeParticipant {

  private static final Logger log = LoggerFactory.getLogger(LeadContactMerge.class);

  private final LeadRepository leads;
  private final LeadNurtureRepository nurtures;
  private final LeadService leadService;
  private final RuntimeService runtimeService;

  LeadContactMerge(LeadRepository leads, LeadNurtureRepository nurtures, LeadService leadService,
      RuntimeService runtimeService) {
    this.leads = leads;
    this.nurtures = nurtures;
    this.leadService = leadService;
    this.runtimeService = runtimeService;
  }

  @Override
  public void merge(String survivorId, String duplicateId) {
    var survivorsSequence = nurtures.runningForContact(survivorId);
    var duplicatesSequence = nurtures.runningForContact(duplicateId);
    if (survivorsSequence.isPresent() && duplicatesSequence.isPresent()) {
      var stopped = duplicatesSequence.get();
      leadService.endNurture(stopped.leadId(), stopped.processInstanceId(), NurtureExitReason.MERGED);
      // the sequence's end listener releases its claim on the lead and the person
      runtimeService.deleteProcessInstance(stopped.processInstanceId(), "contact merged into " + survivorId);
      log.info("Contacts {} and {} were both in a nurture sequence; {} (lead {}) stopped", survivorId, duplicateId,
          stopped.processInstanceId(), stopped.leadId());
    }
    nurtures.moveToContact(duplicateId, survivorId);
    leads.moveToContact(duplicateId, survivorId);
  }
}

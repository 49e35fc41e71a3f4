package io.crmflow.lead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the intakes of imported leads ({@code POST /api/contacts/import?startIntake=true}) at
 * {@code crmflow.leads.queued-intakes-per-second}, so ten thousand rows become a steady trickle of
 * welcome emails, not a burst. Every instance of a cluster runs it; each lead is claimed before its
 * intake starts, so none starts twice.
 */
@Component
class QueuedIntakeStarter {

  private static final Logger log = LoggerFactory.getLogger(QueuedIntakeStarter.class);

  private final LeadService leadService;
  private final LeadSettings settings;

  QueuedIntakeStarter(LeadService leadService, LeadSettings settings) {
    this.leadService = leadService;
    this.settings = settings;
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  void startDue() {
    int started = 0;
    for (String leadId : leadService.queuedForIntake(settings.queuedIntakesPerSecond())) {
      try {
        if (leadService.startQueuedIntake(leadId)) {
          started++;
        }
      } catch (RuntimeException e) {
        // the claim rolled back with the failed start: the lead is tried again in the next round
        log.warn("Queued intake of lead {} did not start: {}", leadId, e.toString());
      }
    }
    if (started > 0) {
      log.info("{} queued intake(s) started", started);
    }
  }
}

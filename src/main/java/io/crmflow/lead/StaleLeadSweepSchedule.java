package io.crmflow.lead;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sweep's timer start event is scheduled when the model is deployed, and an unchanged model is
 * not deployed again. So that a changed crmflow.stale-leads.cron applies from this start on, the
 * timer's next due date is recalculated from the configured cron at start-up (idempotent; each
 * node of a cluster may do it). The engine re-evaluates the cycle after every run as well
 * (reevaluateTimeCycleWhenDue).
 */
@Component
class StaleLeadSweepSchedule {

  private static final Logger log = LoggerFactory.getLogger(StaleLeadSweepSchedule.class);

  private final ManagementService managementService;
  private final StaleLeadSettings settings;

  StaleLeadSweepSchedule(ManagementService managementService, StaleLeadSettings settings) {
    this.managementService = managementService;
    this.settings = settings;
  }

  @EventListener(ApplicationStartedEvent.class)
  void applyConfiguredCron() {
    for (Job timer : managementService.createJobQuery().processDefinitionKey(StaleLeadSweepProcess.KEY)
        .activityId(StaleLeadSweepProcess.START_EVERY_MORNING).timers().list()) {
      managementService.recalculateJobDuedate(timer.getId(), false);
      log.info("Stale-lead sweep scheduled by cron '{}'", settings.getCron());
    }
  }
}

package io.crmflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's backlog and trouble as metrics (/actuator/metrics, Prometheus when added): open
 * incidents, jobs waiting to run, jobs that ran out of retries. Counted in the database, so every
 * instance of a cluster reports the cluster's numbers.
 */
@Component
class EngineBacklogGauges implements MeterBinder {

  private final RuntimeService runtimeService;
  private final ManagementService managementService;

  EngineBacklogGauges(RuntimeService runtimeService, ManagementService managementService) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("crmflow.incidents.open", () -> runtimeService.createIncidentQuery().count())
        .description("Open incidents (failed jobs, failed external tasks) awaiting an operator in Cockpit")
        .register(registry);
    Gauge.builder("crmflow.jobs.due", () -> managementService.createJobQuery().executable().count())
        .description("Jobs due now and not yet executed: the job executor's backlog")
        .register(registry);
    Gauge.builder("crmflow.jobs.failed", () -> managementService.createJobQuery().noRetriesLeft().count())
        .description("Jobs that ran out of retries")
        .register(registry);
  }
}

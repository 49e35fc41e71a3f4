package io.crmflow.metrics;

import io.crmflow.metrics.WorkflowMetricsResponses.ProcessSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code crmflow.workflow.throughput.rate} and {@code crmflow.workflow.flow.efficiency} (Prometheus
 * {@code crmflow_workflow_throughput_rate{process="…"}}, {@code crmflow_workflow_flow_efficiency{…}}):
 * the figures of GET /api/metrics/workflows for the default window (the last 24 hours) per process,
 * from the database, so every instance of a cluster reports the cluster's. Computed once per
 * {@code crmflow.metrics.rate-gauges-interval} (PT1M) rather than per scrape; a process without a
 * figure in the window (nothing to divide) has no sample.
 */
@Component
class WorkflowRateGauges implements MeterBinder {

  private static final Logger log = LoggerFactory.getLogger(WorkflowRateGauges.class);

  static final String THROUGHPUT_RATE = "crmflow.workflow.throughput.rate";
  static final String FLOW_EFFICIENCY = "crmflow.workflow.flow.efficiency";

  private final WorkflowMetricsService metrics;
  private final MetricsProperties properties;
  private MultiGauge throughputRate;
  private MultiGauge flowEfficiency;

  WorkflowRateGauges(WorkflowMetricsService metrics, MetricsProperties properties) {
    this.metrics = metrics;
    this.properties = properties;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    throughputRate = MultiGauge.builder(THROUGHPUT_RATE)
        .description("Instances completed ÷ instances in flight at the start or started, last 24 hours")
        .register(registry);
    flowEfficiency = MultiGauge.builder(FLOW_EFFICIENCY)
        .description("Share of completed instances' end-to-end time spent in work steps, last 24 hours")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${crmflow.metrics.rate-gauges-interval:PT1M}", initialDelayString = "PT10S")
  void refreshOnSchedule() {
    try {
      refresh();
    } catch (DataAccessException e) {
      // the database is away: the gauges keep their last values, the next run tries again
      log.warn("Workflow rate gauges not refreshed: {}", e.getMostSpecificCause().getMessage());
    }
  }

  /** Recomputes both gauges for the window ending now. */
  void refresh() {
    if (throughputRate == null) {
      return; // no meter registry
    }
    Instant now = Instant.now();
    List<ProcessSummary> processes = metrics.overview(new TimeWindow(now.minus(properties.defaultRange()), now))
        .processes();
    throughputRate.register(rows(processes, ProcessSummary::throughputRate), true);
    flowEfficiency.register(rows(processes, ProcessSummary::flowEfficiency), true);
  }

  private static List<MultiGauge.Row<?>> rows(List<ProcessSummary> processes, Function<ProcessSummary, Double> value) {
    return processes.stream()
        .filter(process -> value.apply(process) != null)
        .<MultiGauge.Row<?>>map(process -> MultiGauge.Row.of(Tags.of("process", process.processKey()),
            Objects.requireNonNull(value.apply(process))))
        .toList();
  }
}

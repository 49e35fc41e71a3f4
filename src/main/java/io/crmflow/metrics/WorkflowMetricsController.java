package io.crmflow.metrics;

import io.crmflow.metrics.WorkflowMetricsResponses;
import io.crmflow.metrics.WorkflowMetricsResponses.Overview;
import io.crmflow.metrics.WorkflowMetricsResponses.ProcessDetail;
import io.crmflow.metrics.WorkflowMetricsResponses.Throughput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflow metrics for a window [from, to) of ISO-8601 instants (default: the last 24 hours):
 * every process, one process in detail, and one process's throughput over time.
 */
@RestController
@RequestMapping("/api/metrics/workflows")
class WorkflowMetricsController {

  private final WorkflowMetricsService metrics;
  private final MetricsProperties properties;

  WorkflowMetricsController(WorkflowMetricsService metrics, MetricsProperties properties) {
    this.metrics = metrics;
    this.properties = properties;
  }

  @GetMapping
  Overview overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return metrics.overview(TimeWindow.parse(from, to, properties));
  }

  @GetMapping("/{processKey}")
  ProcessDetail detail(@PathVariable String processKey, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return metrics.detail(processKey, TimeWindow.parse(from, to, properties));
  }

  /**
   * Started and completed instances per bucket (ISO-8601 duration, default PT1H). Without
   * {@code from}, the window ends at the end of the current bucket, so the buckets are whole hours.
   */
  @GetMapping("/{processKey}/throughput")
  Throughput throughput(@PathVariable String processKey, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "PT1H") String bucket) {
    return metrics.throughput(processKey, BucketedWindow.parse(from, to, bucket, properties));
  }
}

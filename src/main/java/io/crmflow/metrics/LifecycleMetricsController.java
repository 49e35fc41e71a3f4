package io.crmflow.metrics;

import io.crmflow.metrics.LifecycleMetricsResponses;
import io.crmflow.metrics.LifecycleMetricsResponses.Lifecycle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contact lifecycle funnel (lead → opportunity → customer) for a window [from, to) of ISO-8601 instants,
 * per bucket (ISO-8601 duration, default PT1H like a process's throughput, so the default window's 24 buckets
 * are whole hours); the same window rules as {@code /api/metrics/workflows/{processKey}/throughput}.
 */
@RestController
class LifecycleMetricsController {

  private final LifecycleMetricsService metrics;
  private final MetricsProperties properties;

  LifecycleMetricsController(LifecycleMetricsService metrics, MetricsProperties properties) {
    this.metrics = metrics;
    this.properties = properties;
  }

  @GetMapping("/api/metrics/lifecycle")
  Lifecycle lifecycle(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "PT1H") String bucket) {
    return metrics.lifecycle(BucketedWindow.parse(from, to, bucket, properties));
  }
}

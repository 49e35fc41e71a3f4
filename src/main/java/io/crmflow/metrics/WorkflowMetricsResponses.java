package io.crmflow.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the metrics endpoints answer; durations in milliseconds. */
final class WorkflowMetricsResponses {

  private WorkflowMetricsResponses() {
  }

  /** GET /api/metrics/workflows: every process for one window. */
  record Overview(Instant from, Instant to, List<ProcessSummary> processes, Percentiles percentiles) {
  }

  /**
   * How the answer's percentiles were computed: exact (sorted from history), or — over more durations
   * than crmflow.metrics.exact-percentile-limit — read from duration histograms, each then within
   * {@code maxRelativeError} of (exact value + 1 ms).
   */
  record Percentiles(boolean exact, Double maxRelativeError) {

    static final Percentiles EXACT = new Percentiles(true, null);
    static final Percentiles APPROXIMATE = new Percentiles(false, DurationHistogram.MAX_RELATIVE_ERROR);

    static Percentiles of(boolean exact) {
      return exact ? EXACT : APPROXIMATE;
    }
  }

  /**
   * One process (all versions together) or one version of it. {@code completed} counts instances
   * that reached an end event inside the window; {@code terminated} those canceled or deleted;
   * latency covers the completed ones.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProcessSummary(String processKey, String name, Integer version, String processDefinitionId,
                        String versionTag, long started, long completed, long terminated,
                        double throughputPerHour, Latency latency, long inFlight, long openIncidents,
                        List<ProcessSummary> versions) {
  }

  /** End-to-end latency (end time minus start time) of the instances completed in the window. */
  record Latency(Double p50, Double p95, Double p99, Double avg, Long max) {

    static final Latency NONE = new Latency(null, null, null, null, null);
  }

  /** GET /api/metrics/workflows/{processKey}. */
  record ProcessDetail(Instant from, Instant to, ProcessSummary process, List<Conversion> conversion,
                       List<ActivityTime> activities, List<ActivityTime> waitingAtUserTasks,
                       Percentiles percentiles) {
  }

  /** Completed instances ending at one end event and their share of all completed instances. */
  record Conversion(String endActivityId, String name, long count, double share) {
  }

  /** Time spent in one step: instances of it that ended in the window. */
  record ActivityTime(String activityId, String name, String type, long count, double avgMillis,
                      Double p95Millis, long maxMillis) {
  }

  /** GET /api/metrics/workflows/{processKey}/throughput. */
  record Throughput(String processKey, Instant from, Instant to, String bucket, List<Bucket> buckets,
                    Percentiles percentiles) {
  }

  /** Instances started and completed in [start, start + bucket); p95 latency of those completed. */
  record Bucket(Instant start, long started, long completed, Double p95Millis) {
  }
}

package io.crmflow.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
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
   * latency covers the completed ones. The four measures of a workflow: throughput
   * ({@code throughputPerHour}), latency, throughput rate and efficiency (docs/metrics.md).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProcessSummary(String processKey, String name, Integer version, String processDefinitionId,
                        String versionTag, long started, long completed, long terminated,
                        double throughputPerHour, Latency latency, long inFlight, long openIncidents,
                        @Schema(description = "Instances running at the window's start (started before it, "
                            + "not ended before it)")
                        long inFlightAtStart,
                        @Schema(description = "Denominator of throughputRate: inFlightAtStart + started")
                        long totalInWindow,
                        @Schema(description = "Numerator of throughputRate: instances completed at an end event "
                            + "in the window (the same as completed)")
                        long completedInWindow,
                        @Schema(description = "completedInWindow ÷ totalInWindow, 0–1, three decimals: the share "
                            + "of the window's instances that were completed in it; absent when totalInWindow is 0",
                            minimum = "0", maximum = "1")
                        Double throughputRate,
                        @Schema(description = "Efficiency as the workflow definition gives it: the same formula, "
                            + "and so the same value, as throughputRate", minimum = "0", maximum = "1")
                        Double efficiency,
                        @Schema(description = "flow.workMillis ÷ flow.endToEndMillis, three decimals: the share of "
                            + "the completed instances' end-to-end time spent in work steps rather than waiting; "
                            + "absent when no completed instance has a duration")
                        Double flowEfficiency,
                        @Schema(description = "The sums flowEfficiency is computed from")
                        Flow flow,
                        List<ProcessSummary> versions) {
  }

  /**
   * The completed instances of the window that flow efficiency covers and the sums of their times (ms).
   * Work: service, script, send and business-rule tasks, and user tasks from their first claim to completion.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Flow(@Schema(description = "Completed instances covered") long instances,
              @Schema(description = "Sum of their work time, ms") long workMillis,
              @Schema(description = "Sum of their end-to-end time (end − start), ms") long endToEndMillis,
              @Schema(description = "Present when the window's history-read parts held more completed instances "
                  + "than crmflow.metrics.exact-flow-limit: flowEfficiency then covers the instances completed in "
                  + "its rolled-up hours and is within this (absolute) of the share over all completed instances")
              Double maxError) {
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

  /**
   * Instances started and completed in [start, start + bucket); p95 latency of those completed; the
   * bucket's throughput rate (completed ÷ totalInBucket) and flow efficiency, as for a whole window.
   */
  record Bucket(Instant start, long started, long completed, Double p95Millis,
                @Schema(description = "Instances running at the bucket's start") long inFlightAtStart,
                @Schema(description = "Denominator of throughputRate: inFlightAtStart + started") long totalInBucket,
                @Schema(description = "completed ÷ totalInBucket, 0–1; absent when totalInBucket is 0",
                    minimum = "0", maximum = "1")
                Double throughputRate,
                @Schema(description = "Share of the end-to-end time of the instances completed in the bucket spent "
                    + "in work steps; absent when none completed, and when buckets cut hours and the window holds "
                    + "more completed instances than crmflow.metrics.exact-percentile-limit")
                Double flowEfficiency) {
  }
}

package io.crmflow.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.metrics.*: the time windows the workflow metrics answer for, and the hourly rollups.
 *
 * @param defaultRange window when a request names no {@code from} (ending now)
 * @param maxRange widest window a request may ask for; keeps one query's work bounded
 * @param maxBuckets most buckets one throughput series may have
 * @param exactPercentileLimit percentiles over at most this many durations are exact (sorted from history);
 *     over more they are read from duration histograms (see {@link DurationHistogram})
 * @param exactFlowLimit flow efficiency sums the work time of at most this many instances completed in the parts of
 *     a window read from history (step by step, per instance); beyond that it covers the rolled-up hours alone and
 *     says how far off that can be
 * @param rollup the hourly rollups of history
 * @param contactsGaugeMaxAge how long the {@code crmflow.contacts} gauges reuse one count of the contacts per stage
 * @param rateGaugesInterval how often the throughput rate and flow efficiency gauges are recomputed ({@link WorkflowRateGauges})
 */
@ConfigurationProperties("crmflow.metrics")
record MetricsProperties(@DefaultValue("PT24H") Duration defaultRange, @DefaultValue("P31D") Duration maxRange,
                         @DefaultValue("1000") int maxBuckets, @DefaultValue("50000") long exactPercentileLimit,
                         @DefaultValue("1000") long exactFlowLimit, @DefaultValue Rollup rollup, @DefaultValue("PT30S") Duration contactsGaugeMaxAge,
                         @DefaultValue("PT1M") Duration rateGaugesInterval) {

  /**
   * crmflow.metrics.rollup.*
   *
   * @param enabled whether this instance rolls up closed hours on schedule (the metrics read existing rollups either way)
   * @param interval pause between two runs
   * @param grace how long after its end an hour is rolled up: history written by transactions still
   *     open at the end of the hour must have committed by then
   * @param batchHours hours rolled up in one transaction while catching up
   * @param retention how long rollups are kept (they outlive the history they were made from)
   */
  record Rollup(@DefaultValue("true") boolean enabled, @DefaultValue("PT5M") Duration interval,
                @DefaultValue("PT10M") Duration grace, @DefaultValue("24") int batchHours,
                @DefaultValue("P400D") Duration retention) {
  }
}

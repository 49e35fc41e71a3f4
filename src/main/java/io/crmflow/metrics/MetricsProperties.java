package io.crmflow.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.metrics.*: the time windows the workflow metrics answer for.
 *
 * @param defaultRange window when a request names no {@code from} (ending now)
 * @param maxRange widest window a request may ask for; keeps one query's work bounded
 * @param maxBuckets most buckets one throughput series may have
 */
@ConfigurationProperties("crmflow.metrics")
record MetricsProperties(@DefaultValue("PT24H") Duration defaultRange, @DefaultValue("P31D") Duration maxRange,
                         @DefaultValue("1000") int maxBuckets) {
}

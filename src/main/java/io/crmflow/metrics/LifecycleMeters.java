package io.crmflow.metrics;

import io.crmflow.metrics.LifecycleMetricsResponses;
import io.crmflow.contact.LifecycleStage;
import io.crmflow.metrics.LifecycleMetricsResponses.Stages;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code crmflow.contacts} (Prometheus {@code crmflow_contacts{stage="lead|opportunity|customer"}}): contacts
 * not erased, per lifecycle stage, counted in the database, so every instance of a cluster reports the
 * cluster's numbers. One grouped count serves the three gauges and is reused for
 * crmflow.metrics.contacts-gauge-max-age: a scrape reads each gauge, and a count over a million contacts is
 * not free.
 */
@Component
class LifecycleMeters implements MeterBinder {

  static final String CONTACTS = "crmflow.contacts";

  private final LifecycleMetricsRepository repository;
  private final Duration maxAge;
  private Stages counted;
  private Instant countedAt;

  LifecycleMeters(LifecycleMetricsRepository repository, MetricsProperties properties) {
    this.repository = repository;
    this.maxAge = properties.contactsGaugeMaxAge();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (LifecycleStage stage : LifecycleStage.values()) {
      Gauge.builder(CONTACTS, () -> count(stage))
          .description("Contacts not erased, per lifecycle stage")
          .tag("stage", stage.code())
          .register(registry);
    }
  }

  private synchronized long count(LifecycleStage stage) {
    Instant now = Instant.now();
    if (counted == null || !now.isBefore(countedAt.plus(maxAge))) {
      counted = repository.contactsByStage();
      countedAt = now;
    }
    return switch (stage) {
      case LEAD -> counted.lead();
      case OPPORTUNITY -> counted.opportunity();
      case CUSTOMER -> counted.customer();
    };
  }
}

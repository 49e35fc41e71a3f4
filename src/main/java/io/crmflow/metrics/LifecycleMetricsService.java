package io.crmflow.metrics;

import io.crmflow.metrics.LifecycleMetricsResponses;
import static io.crmflow.metrics.LifecycleMetricsRepository.Measure.BECAME_CUSTOMER;
import static io.crmflow.metrics.LifecycleMetricsRepository.Measure.BECAME_OPPORTUNITY;
import static io.crmflow.metrics.LifecycleMetricsRepository.Measure.NEW_CONTACTS;

import io.crmflow.metrics.LifecycleMetricsResponses.Lifecycle;
import io.crmflow.metrics.LifecycleMetricsResponses.LifecycleBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The contact lifecycle funnel of a window, per bucket and in total (see {@link Lifecycle}). */
@Service
class LifecycleMetricsService {

  private final LifecycleMetricsRepository repository;
  private final TransactionTemplate readOnly;

  LifecycleMetricsService(LifecycleMetricsRepository repository, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** One read-only transaction: the counts and stages of one snapshot. */
  Lifecycle lifecycle(BucketedWindow buckets) {
    return readOnly.execute(status -> {
      Map<Long, Long> created = repository.perBucket(NEW_CONTACTS, buckets);
      Map<Long, Long> opportunities = repository.perBucket(BECAME_OPPORTUNITY, buckets);
      Map<Long, Long> customers = repository.perBucket(BECAME_CUSTOMER, buckets);
      List<LifecycleBucket> series = new ArrayList<>();
      for (long i = 0; i < buckets.count(); i++) {
        series.add(new LifecycleBucket(buckets.start(i), created.getOrDefault(i, 0L),
            opportunities.getOrDefault(i, 0L), customers.getOrDefault(i, 0L)));
      }
      // the buckets cover the window and no more (every query reads [from, to)): their sums are the totals
      long newContacts = sum(created);
      long becameOpportunity = sum(opportunities);
      long becameCustomer = sum(customers);
      TimeWindow window = buckets.window();
      return new Lifecycle(window.from(), window.to(), buckets.bucket().toString(), newContacts, becameOpportunity,
          becameCustomer, rate(becameOpportunity, newContacts), rate(becameCustomer, becameOpportunity),
          repository.contactsByStage(), series);
    });
  }

  private static long sum(Map<Long, Long> perBucket) {
    return perBucket.values().stream().mapToLong(Long::longValue).sum();
  }

  /** part ÷ whole to three decimals; null when whole is 0. */
  private static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
  }
}

package io.crmflow.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What GET /api/metrics/lifecycle answers: counts of contacts and their ratios, no record ids, no personal data. */
final class LifecycleMetricsResponses {

  private LifecycleMetricsResponses() {
  }

  /**
   * The contact funnel of a window [from, to): contacts that became known ({@code created_at}), became an
   * opportunity ({@code opportunity_at}) and became a customer ({@code customer_at}) in it, erased ones
   * included (they did move through the funnel); {@code opportunityRate} = becameOpportunity ÷ newContacts
   * and {@code customerRate} = becameCustomer ÷ becameOpportunity, null (not left out) when the divisor is 0;
   * the same three counts per bucket; and the contacts per stage now, whatever the window.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Lifecycle(Instant from, Instant to, String bucket, long newContacts, long becameOpportunity,
                   long becameCustomer, Double opportunityRate, Double customerRate, Stages contactsByStage,
                   List<LifecycleBucket> buckets) {
  }

  /** Contacts not erased, per lifecycle stage (lower case, as {@code io.crmflow.contact.LifecycleStage} reads). */
  record Stages(long lead, long opportunity, long customer) {
  }

  /** Contacts that became known, an opportunity, a customer in [start, start + bucket). */
  record LifecycleBucket(Instant start, long newContacts, long becameOpportunity, long becameCustomer) {
  }
}

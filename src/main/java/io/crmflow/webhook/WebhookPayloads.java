package io.crmflow.webhook;

import io.crmflow.lead.LeadService;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.quote.QuoteService;
import io.crmflow.supportcase.SupportCaseService;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The records a "Call webhook" step can send, by the name its {@code payload} parameter gives: read when the
 * step runs (the process's business key is the record's id), as crmflow's API shows them — the process holds
 * no personal data to send.
 */
@Component
class WebhookPayloads {

  /** What a step's {@code payload} may name; known before the services exist, so deployment can check it. */
  static final Set<String> NAMES = Set.of("lead", "opportunity", "quote", "case");

  private final Map<String, Function<String, Object>> snapshots;

  WebhookPayloads(LeadService leads, OpportunityService opportunities, QuoteService quotes,
      SupportCaseService cases) {
    this.snapshots = Map.of(
        "lead", leads::get,
        "opportunity", opportunities::get,
        "quote", quotes::get,
        "case", cases::get);
    if (!snapshots.keySet().equals(NAMES)) {
      throw new IllegalStateException("NAMES must list the payloads built here: " + snapshots.keySet());
    }
  }

  Object snapshot(String payload, String recordId) {
    Function<String, Object> snapshot = snapshots.get(payload);
    if (snapshot == null) {
      throw new IllegalArgumentException("No webhook payload '" + payload + "'; one of " + NAMES);
    }
    return snapshot.apply(recordId);
  }
}

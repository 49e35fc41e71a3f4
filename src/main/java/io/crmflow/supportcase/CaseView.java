package io.crmflow.supportcase;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.contact.LifecycleStage;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/cases/{id}}: the case's fields, where its customer stands with the company (their
 * contact's lifecycle stage, customer since when), the customer's replies, its workflow timeline
 * (Camunda history) and the messages sent about it (message log).
 */
record CaseView(@JsonUnwrapped SupportCase supportCase, LifecycleStage lifecycleStage, Instant customerSince,
                List<CaseReply> replies, List<ProcessTimeline.Step> timeline, List<MessageLogEntry> messages) {
}

package io.crmflow.supportcase;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.workflow.ProcessTimeline;
import java.util.List;

/**
 * {@code GET /api/cases/{id}}: the case's fields, the customer's replies, its workflow timeline
 * (Camunda history) and the messages sent about it (message log).
 */
record CaseView(@JsonUnwrapped SupportCase supportCase, List<CaseReply> replies, List<ProcessTimeline.Step> timeline,
                List<MessageLogEntry> messages) {
}

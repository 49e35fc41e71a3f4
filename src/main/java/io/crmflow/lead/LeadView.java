package io.crmflow.lead;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.process.ProcessTimeline;
import java.util.List;

/**
 * {@code GET /api/leads/{id}}: the lead's fields, the reviewer's note, its workflow timeline (Camunda
 * history) and the messages sent about it (message log).
 */
record LeadView(@JsonUnwrapped Lead lead, String reviewNote, List<ProcessTimeline.Step> timeline,
                List<MessageLogEntry> messages) {
}

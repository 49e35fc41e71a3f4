package io.crmflow.quote;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.process.ProcessTimeline;
import java.util.List;

/** {@code GET /api/quotes/{id}}: the quote with its items and totals, and its approval timeline. */
record QuoteView(@JsonUnwrapped Quote quote, List<ProcessTimeline.Step> timeline) {
}

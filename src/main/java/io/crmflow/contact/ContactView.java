package io.crmflow.contact;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.crmflow.process.ProcessTimeline;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/contacts/{id}}: the person — details, consents, lifecycle stage, every address and
 * submission — with the sections of their records the viewer may see (leads, opportunities, quotes,
 * cases, messages) and the workflow timeline of those records.
 */
public record ContactView(@JsonUnwrapped Contact contact, List<String> addresses, List<Submission> submissions,
                   List<ProcessTimeline.Step> timeline, Map<String, List<?>> sections) {

  @JsonAnyGetter
  Map<String, List<?>> sectionsByName() {
    return sections;
  }

  /** Rendered inline by {@link #sectionsByName()}, not as a field of its own. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public Map<String, List<?>> sections() {
    return sections;
  }
}

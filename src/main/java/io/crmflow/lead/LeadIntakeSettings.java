package io.crmflow.lead;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * crmflow.lead-intake.*: lead-intake service levels. The model reads them through the bean
 * {@code leadIntakeSettings}, so operators change them in configuration, not in the BPMN.
 */
@Component("leadIntakeSettings")
@ConfigurationProperties("crmflow.lead-intake")
public class LeadIntakeSettings {

  /** How long a hot lead may wait for its review before the sales managers are told. */
  private Duration reviewServiceLevel = Duration.ofHours(24);

  public Duration getReviewServiceLevel() {
    return reviewServiceLevel;
  }

  public void setReviewServiceLevel(Duration reviewServiceLevel) {
    this.reviewServiceLevel = reviewServiceLevel;
  }

  /** ISO-8601 duration for the "Review overdue" timer, e.g. PT24H. */
  public String reviewServiceLevel() {
    return reviewServiceLevel.toString();
  }

  /**
   * Due date of the review task: the service level as an ISO-8601 duration, which the engine's due-date
   * calendar counts in the sales team's business hours from the task's creation, as it counts the
   * "Review overdue" timer (docs/business-hours.md).
   */
  public String reviewDueDate() {
    return reviewServiceLevel();
  }
}

package io.crmflow.lead;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * crmflow.stale-leads.*: when the stale-lead sweep runs and what counts as stale. The model's timer
 * start event reads the cron through the bean {@code staleLeadSettings}.
 */
@Component("staleLeadSettings")
@ConfigurationProperties("crmflow.stale-leads")
public class StaleLeadSettings {

  /** Camunda cron (seconds first): every day at 07:00 server time. */
  private String cron = "0 0 7 * * ?";
  /** A NEW or NURTURING lead without activity for this long is stale. */
  private Duration inactiveAfter = Duration.ofDays(14);
  /** At most this many leads of each kind are listed by name; the digest counts all of them. */
  private int digestLimit = 10;

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public Duration getInactiveAfter() {
    return inactiveAfter;
  }

  public void setInactiveAfter(Duration inactiveAfter) {
    this.inactiveAfter = inactiveAfter;
  }

  public int getDigestLimit() {
    return digestLimit;
  }

  /** The message log keeps the rendered model (8000 characters): a long list would not fit. */
  public void setDigestLimit(int digestLimit) {
    if (digestLimit < 1 || digestLimit > 15) {
      throw new IllegalArgumentException("crmflow.stale-leads.digest-limit must be between 1 and 15");
    }
    this.digestLimit = digestLimit;
  }
}

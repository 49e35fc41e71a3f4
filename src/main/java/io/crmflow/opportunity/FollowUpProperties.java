package io.crmflow.opportunity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.followup.*: when the owner of a new opportunity is to have contacted the customer.
 *
 * @param firstContact how long after the opportunity opens its "Follow up" task is due; the engine's
 *                     due-date business calendar resolves it, so business hours apply where one is configured
 */
@ConfigurationProperties("crmflow.followup")
public record FollowUpProperties(@DefaultValue("P2D") Duration firstContact) {

  public FollowUpProperties {
    if (firstContact.isNegative() || firstContact.isZero()) {
      throw new IllegalArgumentException("crmflow.followup.first-contact must be positive, was " + firstContact);
    }
  }
}

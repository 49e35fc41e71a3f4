package io.crmflow.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.messaging.*
 *
 * @param secret              signs unsubscribe links; from CRMFLOW_MESSAGING_SECRET, the same on every
 *                            instance of a cluster
 * @param groupSendBudget     how long one job goes on sending a staff message to a group's members before
 *                            it leaves the rest to its retry: keeps every job well inside its lock time
 * @param previousSecret      while the secret is rotated: links signed with the one before keep working
 *                            (CRMFLOW_MESSAGING_PREVIOUS_SECRET); unset afterwards
 * @param suppressionKey      salts the hashes of suppressed addresses and never changes
 *                            (CRMFLOW_SUPPRESSION_KEY); unset, the secret serves, as before there was a key
 * @param marketingCapPerDay  marketing emails per contact in any rolling 24 hours, across workflows
 * @param unsubscribeLinkValidity how long an unsubscribe link in a message works
 * @param deferredDispatchInterval how often deferred messages whose time has come are sent
 * @param unsubscribeRequestsPerMinute unsubscribe page requests per client address and minute; more get 429
 */
@Validated
@ConfigurationProperties("crmflow.messaging")
public record MessagingProperties(
    @NotBlank(message = "must be set: export CRMFLOW_MESSAGING_SECRET (only the dev profile has a default)")
    @Size(min = 16, message = "must be at least 16 characters")
    String secret,
    @DefaultValue("2") @Min(1) int marketingCapPerDay,
    @DefaultValue("P365D") Duration unsubscribeLinkValidity,
    @DefaultValue("PT30S") Duration deferredDispatchInterval,
    @DefaultValue("PT30S") Duration groupSendBudget,
    String previousSecret,
    String suppressionKey,
    @DefaultValue("10") @Min(1) int unsubscribeRequestsPerMinute) {

  /** The key suppressed addresses are hashed with: the suppression key, else the secret. */
  public String suppressionSalt() {
    return suppressionKey == null || suppressionKey.isBlank() ? secret : suppressionKey;
  }

  @Override
  public String toString() {
    return "MessagingProperties[secret=***, previousSecret=***, suppressionKey=***, marketingCapPerDay="
        + marketingCapPerDay + "]";
  }
}

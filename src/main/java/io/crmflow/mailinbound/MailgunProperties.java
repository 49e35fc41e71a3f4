package io.crmflow.mailinbound;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.inbound.email.mailgun.*
 *
 * @param signingKey         Mailgun's "HTTP webhook signing key" (CRMFLOW_MAILGUN_SIGNING_KEY); unset, no request
 *                           verifies and every one is refused
 * @param timestampTolerance how far a request's signed timestamp may be from now: an older one is a replay
 * @param requestsPerMinute  webhook requests per client address and minute; more get 429
 */
@Validated
@ConfigurationProperties("crmflow.inbound.email.mailgun")
public record MailgunProperties(
    String signingKey,
    @DefaultValue("PT5M") Duration timestampTolerance,
    @DefaultValue("300") @Min(1) int requestsPerMinute) {

  boolean hasSigningKey() {
    return signingKey != null && !signingKey.isBlank();
  }

  /** Without the key, which would otherwise show up in logs and actuator output. */
  @Override
  public String toString() {
    return "MailgunProperties[signingKey=" + (hasSigningKey() ? "******" : "<unset>") + ", timestampTolerance="
        + timestampTolerance + ", requestsPerMinute=" + requestsPerMinute + "]";
  }
}

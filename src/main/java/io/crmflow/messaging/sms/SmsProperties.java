package io.crmflow.messaging.sms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.sms.*: which SMS provider to use and how to reach it.
 *
 * @param provider {@code log} (development: nothing is sent) or {@code twilio} (any Twilio-compatible REST API)
 * @param authToken secret; set it through the environment ({@code CRMFLOW_SMS_AUTH_TOKEN}), never in a file
 * @param from the sender number (E.164) or alphanumeric sender id the provider knows
 * @param connectTimeout and {@code readTimeout}: well below the job lock time, so a hanging provider
 *     fails the job instead of blocking the job executor
 */
@ConfigurationProperties("crmflow.sms")
public record SmsProperties(
    @DefaultValue("log") String provider,
    @DefaultValue("https://api.twilio.com") URI baseUrl,
    String accountSid,
    String authToken,
    String from,
    @DefaultValue("3s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  /** Without the token, which would otherwise show up in logs, actuator output and failure reports. */
  @Override
  public String toString() {
    return "SmsProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", accountSid=" + accountSid
        + ", authToken=" + (authToken == null || authToken.isEmpty() ? "<unset>" : "******")
        + ", from=" + from + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
  }
}

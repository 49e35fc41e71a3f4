package io.crmflow.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.webhooks.*: where the "Call webhook" steps may send, and how.
 *
 * @param endpoints      by name, the name a model's step uses; operator configuration only, so any address
 *                       (loopback included) is allowed
 * @param connectTimeout to open a connection to an endpoint
 * @param retryIntervals the waits between attempts of a step whose endpoint failed (429, 5xx, timeout, no
 *                       connection), unless the model sets its own retry time cycle; then an incident
 * @param maxRetryAfter  the longest {@code Retry-After} an endpoint may ask for; a longer one is cut to this
 */
@ConfigurationProperties("crmflow.webhooks")
public record WebhookProperties(
    @DefaultValue Map<String, Endpoint> endpoints,
    @DefaultValue("3s") Duration connectTimeout,
    @DefaultValue({"PT10S", "PT30S", "PT2M", "PT10M", "PT30M"}) List<Duration> retryIntervals,
    @DefaultValue("PT10M") Duration maxRetryAfter) {

  public WebhookProperties {
    endpoints = Map.copyOf(endpoints);
    retryIntervals = List.copyOf(retryIntervals);
  }

  /**
   * One receiver.
   *
   * @param url     where to POST
   * @param secret  the Standard Webhooks secret, {@code whsec_} and base64; set it through the environment
   *                ({@code CRMFLOW_WEBHOOKS_ENDPOINTS_<NAME>_SECRET}), never in a file
   * @param timeout for the whole answer, once connected
   */
  public record Endpoint(URI url, String secret, @DefaultValue("10s") Duration timeout) {

    public Endpoint {
      Objects.requireNonNull(url, "url");
      WebhookSignature.key(secret);  // fails the start on a missing or malformed secret
    }

    /** Without the secret, which would otherwise show up in logs and actuator output. */
    @Override
    public String toString() {
      return "Endpoint[url=" + url + ", secret=******, timeout=" + timeout + "]";
    }
  }
}

package io.crmflow.webhook;

import io.crmflow.webhook.WebhookProperties.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed delivery: headers {@code webhook-id}, {@code webhook-timestamp} (now, per attempt) and
 * {@code webhook-signature}. Redirects are not followed: an endpoint is exactly where the operator pointed it.
 */
@Component
class WebhookClient {

  /** How the endpoint answered a delivery it did not fail: 2xx, or a 4xx other than 429. */
  record Answer(int status) {

    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient http;
  private final Clock clock;

  WebhookClient(WebhookProperties properties) {
    this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.clock = Clock.systemUTC();
  }

  /**
   * @throws WebhookFailure for 429, 5xx, 3xx, a timeout or no connection: worth trying again later
   */
  Answer deliver(Endpoint endpoint, String id, String body) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(endpoint.url())
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/json")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSignature.sign(WebhookSignature.key(endpoint.secret()), id, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new WebhookFailure("No answer from " + endpoint.url() + ": " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookFailure("Interrupted while calling " + endpoint.url(), null, e);
    }
    int status = response.statusCode();
    // a redirect means the configured address is wrong: an operator's to fix, so retried into an incident
    if (status == 429 || status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      throw new WebhookFailure(endpoint.url() + " answered " + status,
          retryAfter(response.headers().firstValue("Retry-After").orElse(null)), null);
    }
    return new Answer(status);
  }

  /** {@code Retry-After}: seconds, or an HTTP date; null when absent or unreadable. */
  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}

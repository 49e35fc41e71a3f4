package io.crmflow.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts leads over plain HTTP as the web form would, measuring each call. */
final class LeadClient {

  private static final String AUTH = "Basic "
      + Base64.getEncoder().encodeToString("webform:webform".getBytes(StandardCharsets.UTF_8));
  private static final Pattern LEAD_ID = Pattern.compile("\"leadId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One answer: HTTP status (-1: no answer, the connection failed), content type, lead id, how long it took. */
  record Answer(int status, String contentType, String leadId, long millis, String body) {
  }

  static String lead(String run, int i) {
    return """
        {"name": "Resilience Lead %d", "email": "%s.%d@example.org", "source": "website"}""".formatted(i, run, i);
  }

  Answer submit(int port, String body, String idempotencyKey) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", AUTH)
          .header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher id = LEAD_ID.matcher(response.body());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          id.find() ? id.group(1) : null, elapsedMillis(started), response.body());
    } catch (IOException e) {
      return new Answer(-1, "", null, elapsedMillis(started), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int get(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value below which the given share of the sorted latencies lie (nearest rank). */
  static long percentile(List<Long> millis, double share) {
    List<Long> sorted = millis.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(share * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static long elapsedMillis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}

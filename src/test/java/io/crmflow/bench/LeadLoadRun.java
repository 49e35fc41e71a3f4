package io.crmflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small load run against a running crmflow: 20 (or N) concurrent clients POST leads to
 * /api/leads, either back to back (rate 0: the server's saturation point) or at a fixed total
 * arrival rate. With a rate, each request's latency counts from when it was due, not when it was
 * sent, so a slow server cannot hide its queueing (no coordinated omission).
 * Prints p50/p95/p99/max and throughput; exits 1 on any error.
 *
 * <pre>
 * mvn spring-boot:run                                  # in one terminal
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.crmflow.bench.LeadLoadRun -Dexec.args="CLIENTS REQUESTS RATE_PER_SECOND"
 * </pre>
 */
public final class LeadLoadRun {

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    String baseUrl = args.length > 3 ? args[3] : "http://localhost:8080";
    String auth = "Basic " + Base64.getEncoder().encodeToString("webform:webform".getBytes(StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    System.out.printf("Warming up (%d requests)...%n", requests / 10);
    run(http, baseUrl, auth, clients, requests / 10, rate);
    System.out.printf("Measuring %d requests from %d concurrent clients at %s...%n", requests, clients,
        rate > 0 ? rate + " requests/s" : "full speed");
    long start = System.nanoTime();
    Result result = run(http, baseUrl, auth, clients, requests, rate);
    double seconds = (System.nanoTime() - start) / 1e9;

    List<Long> latencies = result.latenciesMicros();
    Collections.sort(latencies);
    System.out.printf("requests %d, errors %d, %.1f s, %.0f requests/s%n", latencies.size(), result.errors(),
        seconds, latencies.size() / seconds);
    System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", percentile(latencies, 50),
        percentile(latencies, 95), percentile(latencies, 99), latencies.get(latencies.size() - 1) / 1000.0);
    if (result.errors() > 0) {
      System.exit(1);
    }
  }

  private record Result(List<Long> latenciesMicros, int errors) {
  }

  private static Result run(HttpClient http, String baseUrl, String auth, int clients, int requests, double rate)
      throws Exception {
    long start = System.nanoTime();
    AtomicInteger errors = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    // each request is scheduled at its due time on `clients` threads: at most that many in flight, and a
    // request that starts late because all are busy counts its wait (latency runs from the due time)
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(clients);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long due = rate > 0 ? start + (long) (i * 1e9 / rate) : start;
      sent.add(pool.schedule(() -> {
        String body = """
            {"name": "Load Test", "email": "load.%s@example.org", "source": "website", "companySize": 120,
             "budget": 8000, "marketingConsent": true}""".formatted(UUID.randomUUID());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/leads"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", auth)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        try {
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
          latencies.add((System.nanoTime() - due) / 1000);
          if (response.statusCode() != 202) {
            errors.incrementAndGet();
          }
        } catch (Exception e) {
          errors.incrementAndGet();
        }
      }, due - System.nanoTime(), TimeUnit.NANOSECONDS));
    }
    for (Future<?> request : sent) {
      request.get();
    }
    pool.shutdown();
    return new Result(new ArrayList<>(latencies), errors.get());
  }

  private static double percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  private LeadLoadRun() {
  }
}

package io.crmflow.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lead intake driven from outside a running crmflow — the built jar, as an integrator's system and a
 * mail server see it. {@code clients} concurrent clients POST cold leads (no marketing consent) to
 * /api/leads, back to back (rate 0: the server's saturation point) or at a fixed total arrival rate;
 * with a rate, each request's latency counts from when it was due, not when it was sent, so a slow
 * server cannot hide its queueing (no coordinated omission). Prints REST p50/p95/p99/max and throughput;
 * exits 1 on any error.
 *
 * <p>With {@code --smtp-port=N} it is also the app's mail server (an SMTP sink on that port; start crmflow
 * with {@code --spring.mail.port=N}) and measures each lead <b>end to end</b>: from when it was due until
 * its welcome email arrived, and how many leads per second completed. With {@code --pid=P} it reads the
 * app process's CPU time from /proc (nothing of the generator or the sink is in it) and divides it by the
 * completed leads; with {@code --pg-database=D} also PostgreSQL's CPU, statements and growth per lead for
 * that database ({@link ResourceMeter}). The CPU window runs from the first measured request to the last
 * welcome email.
 *
 * <pre>
 * java -jar target/crmflow-*.jar --spring.mail.port=2525 …           # in one terminal
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.crmflow.bench.LeadLoadRun \
 *     -Dexec.args="CLIENTS REQUESTS RATE_PER_SECOND [BASE_URL] [--smtp-port=N] [--pid=P] [--pg-database=D]"
 * </pre>
 */
public final class LeadLoadRun {

  private static final String AUTH = "Basic "
      + Base64.getEncoder().encodeToString("webform:webform".getBytes(StandardCharsets.UTF_8));
  /** The end-to-end wait gives up when no welcome email has arrived for this long. */
  private static final Duration QUIET = Duration.ofSeconds(30);

  /** One run's settings; a warm-up of a tenth of {@code requests} goes first. */
  public record Options(int clients, int requests, double rate, String baseUrl, Integer smtpPort, Long appPid,
                        String pgDatabase) {

    static Options parse(String... args) {
      List<String> positional = new ArrayList<>();
      Map<String, String> named = new LinkedHashMap<>();
      for (String arg : args) {
        if (arg.startsWith("--")) {
          String[] pair = arg.substring(2).split("=", 2);
          if (!List.of("smtp-port", "pid", "pg-database").contains(pair[0]) || pair.length < 2) {
            throw new IllegalArgumentException("unknown option " + arg + " (--smtp-port=N, --pid=P, --pg-database=D)");
          }
          named.put(pair[0], pair[1]);
        } else {
          positional.add(arg);
        }
      }
      return new Options(positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 20,
          positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 4000,
          positional.size() > 2 ? Double.parseDouble(positional.get(2)) : 0,
          positional.size() > 3 ? positional.get(3) : "http://localhost:8080",
          named.containsKey("smtp-port") ? Integer.valueOf(named.get("smtp-port")) : null,
          named.containsKey("pid") ? Long.valueOf(named.get("pid")) : null, named.get("pg-database"));
    }
  }

  /**
   * The measured requests. Latencies in microseconds; the end-to-end figures and the CPU are {@code null}
   * unless measured.
   */
  public record Result(int requests, int errors, double restSeconds, List<Long> restMicros, Integer completed,
                       Double completedPerSecond, List<Long> endToEndMicros, Double appCpuMsPerLead,
                       ResourceMeter.Usage database) {
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    try (MailSink sink = options.smtpPort() == null ? null : MailSink.listen(options.smtpPort())) {
      Result result = run(options, sink);
      print(result);
      System.exit(result.errors() > 0 ? 1 : 0);
    }
  }

  /** Runs the warm-up and the measured requests against {@code options.baseUrl()}; {@code sink} may be null. */
  public static Result run(Options options, MailSink sink) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int warmup = Math.max(1, options.requests() / 10);
    System.out.printf("Warming up (%d requests)...%n", warmup);
    Batch warm = send(http, options, warmup);
    if (sink != null) {
      sink.awaitWelcomes(warm.dueNanos().keySet());
    }
    ResourceMeter database = options.pgDatabase() == null ? null : ResourceMeter.postgres(Benchmark.serverUrl(),
        options.pgDatabase(), Benchmark.env("CRMFLOW_TEST_PG_USER", "postgres"),
        Benchmark.env("CRMFLOW_TEST_PG_PASSWORD", ""));
    ResourceMeter.Snapshot databaseBefore = database == null ? null : database.snapshot();
    Long cpuBefore = options.appPid() == null ? null : ResourceMeter.procCpuTicks(options.appPid());
    System.out.printf("Measuring %d requests from %d concurrent clients at %s...%n", options.requests(),
        options.clients(), options.rate() > 0 ? options.rate() + " requests/s" : "full speed");
    Batch batch = send(http, options, options.requests());

    List<Long> endToEnd = null;
    Double completedPerSecond = null;
    if (sink != null) {
      System.out.println("Waiting for the welcome emails...");
      Map<String, Long> arrived = sink.awaitWelcomes(batch.dueNanos().keySet());
      endToEnd = new ArrayList<>();
      long last = batch.startNanos();
      for (Map.Entry<String, Long> lead : batch.dueNanos().entrySet()) {
        Long at = arrived.get(lead.getKey());
        if (at != null) {
          endToEnd.add((at - lead.getValue()) / 1000);
          last = Math.max(last, at);
        }
      }
      Collections.sort(endToEnd);
      completedPerSecond = endToEnd.size() / Math.max(1e-9, (last - batch.startNanos()) / 1e9);
    }
    int completed = endToEnd == null ? batch.restMicros().size() - batch.errors() : endToEnd.size();
    Double appCpu = null;
    if (cpuBefore != null) {
      Long cpuAfter = ResourceMeter.procCpuTicks(options.appPid());
      appCpu = cpuAfter == null ? null : (cpuAfter - cpuBefore) * 10.0 / Math.max(1, completed); // ticks of 10 ms
    }
    return new Result(options.requests(), batch.errors(), batch.seconds(), batch.restMicros(),
        endToEnd == null ? null : completed, completedPerSecond, endToEnd, appCpu,
        database == null ? null : database.since(databaseBefore, completed));
  }

  private static void print(Result result) {
    List<Long> rest = result.restMicros();
    System.out.printf("requests %d, errors %d, %.1f s, %.0f requests/s%n", rest.size(), result.errors(),
        result.restSeconds(), rest.size() / result.restSeconds());
    System.out.printf("REST latency ms: %s%n", percentiles(rest));
    if (result.endToEndMicros() != null) {
      System.out.printf("completed %d of %d (welcome email arrived), %.1f/s%n", result.completed(), result.requests(),
          result.completedPerSecond());
      System.out.printf("end-to-end latency ms: %s%n", percentiles(result.endToEndMicros()));
    }
    if (result.appCpuMsPerLead() != null) {
      System.out.printf("app CPU per completed lead: %.1f ms%n", result.appCpuMsPerLead());
    }
    ResourceMeter.Usage database = result.database();
    if (database != null) {
      System.out.printf("PostgreSQL per completed lead: CPU %s ms, %s statements, %s database bytes, %s WAL bytes%n",
          database.dbCpuMs(), database.statements(), database.databaseBytes(), database.walBytes());
      database.notes().forEach(note -> System.out.println("  note: " + note));
    }
  }

  /** The requests of one batch: when each lead (by email address) was due, and the REST latencies. */
  private record Batch(long startNanos, double seconds, Map<String, Long> dueNanos, List<Long> restMicros,
                       int errors) {
  }

  private static Batch send(HttpClient http, Options options, int requests) throws Exception {
    long start = System.nanoTime();
    AtomicInteger errors = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> dueByEmail = new ConcurrentHashMap<>();
    // each request is scheduled at its due time on `clients` threads: at most that many in flight, and a
    // request that starts late because all are busy counts its wait (latency runs from the due time)
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(options.clients());
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long due = options.rate() > 0 ? start + (long) (i * 1e9 / options.rate()) : start;
      sent.add(pool.schedule(() -> {
        String email = "load." + UUID.randomUUID() + "@example.org";
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.baseUrl() + "/api/leads"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", AUTH)
            .POST(HttpRequest.BodyPublishers.ofString("""
                {"name": "Load Test", "email": "%s", "source": "website", "companySize": 120, "budget": 8000,
                 "marketingConsent": false}""".formatted(email)))
            .build();
        try {
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
          latencies.add((System.nanoTime() - due) / 1000);
          if (response.statusCode() == 202) {
            dueByEmail.put(email, due);
          } else {
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
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Batch(start, (System.nanoTime() - start) / 1e9, dueByEmail, sorted, errors.get());
  }

  private static String percentiles(List<Long> sortedMicros) {
    return "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f".formatted(percentile(sortedMicros, 50),
        percentile(sortedMicros, 95), percentile(sortedMicros, 99),
        sortedMicros.isEmpty() ? 0 : sortedMicros.get(sortedMicros.size() - 1) / 1000.0);
  }

  private static double percentile(List<Long> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1000.0;
  }

  /**
   * The app's mail server: an SMTP server (GreenMail) that notes when the first email to each address
   * arrived — for a bench lead, its welcome email — and keeps every email in one mailbox.
   */
  public static final class MailSink implements AutoCloseable {

    private final GreenMail smtp;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    /** Notified whenever an address gets its first email. */
    private final Object arrival = new Object();

    private MailSink(GreenMail smtp) {
      this.smtp = smtp;
    }

    /** Listens on 127.0.0.1:{@code port}; 0 takes a free port ({@link #port()}). */
    public static MailSink listen(int port) {
      ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      GreenMail smtp = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
      smtp.start();
      MailSink sink = new MailSink(smtp);
      // one mailbox for all: GreenMail would otherwise create (and log) a user per recipient, work that
      // competes with the app for the same cores
      GreenMailUser mailbox = smtp.setUser("sink@bench.invalid", "sink", "sink");
      smtp.getUserManager().setMessageDeliveryHandler((message, to) -> {
        if (sink.firstArrival.putIfAbsent(to.getEmail(), System.nanoTime()) == null) {
          synchronized (sink.arrival) {
            sink.arrival.notifyAll();
          }
        }
        return mailbox;
      });
      return sink;
    }

    public int port() {
      return smtp.getSmtp().getPort();
    }

    /**
     * When the welcome email of each of {@code addresses} arrived (nanoTime), waiting until all have or
     * none has for {@link #QUIET}.
     */
    Map<String, Long> awaitWelcomes(Set<String> addresses) throws InterruptedException {
      synchronized (arrival) {
        int arrived = arrivedOf(addresses);
        long quietSince = System.nanoTime();
        while (arrived < addresses.size()) {
          long quietLeft = QUIET.toNanos() - (System.nanoTime() - quietSince);
          if (quietLeft <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(arrival, quietLeft); // woken by each first arrival
          int now = arrivedOf(addresses);
          if (now > arrived) {
            arrived = now;
            quietSince = System.nanoTime();
          }
        }
      }
      Map<String, Long> arrivals = new LinkedHashMap<>();
      addresses.forEach(address -> {
        Long at = firstArrival.get(address);
        if (at != null) {
          arrivals.put(address, at);
        }
      });
      return arrivals;
    }

    private int arrivedOf(Set<String> addresses) {
      return (int) addresses.stream().filter(firstArrival::containsKey).count();
    }

    @Override
    public void close() {
      smtp.stop();
    }
  }

  private LeadLoadRun() {
  }
}

package io.crmflow.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.crmflow.CrmflowApplication;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.awaitility.core.ConditionTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * crmflow's speed against two baselines, in one run on one machine. Starts crmflow in-process (H2 in
 * memory, or a fresh PostgreSQL database with {@code --db=postgres}) with an in-process SMTP server
 * (GreenMail), then, for each scenario, sends requests over HTTP at a fixed arrival rate (open
 * model: latency counts from when a request was due, so a slow server cannot slow the client down
 * and hide its queue), and optionally flat out from {@code --clients} concurrent clients:
 *
 * <ul>
 *   <li><b>lead-intake</b>: {@code POST /api/leads}; end to end = until the intake reached its next
 *       wait state or end (the bench leads are cold, without marketing consent: welcome email accepted by SMTP, lead moved to
 *       nurturing, process ended), read from the engine's history.</li>
 *   <li><b>engine floor</b>: {@code POST /bench/empty} starts a start→end process on the same engine.</li>
 *   <li><b>engine, lead-intake's shape</b>: {@code POST /bench/shape} starts a process shaped like the
 *       path the bench leads take through lead-intake — the same ten activities, the same two jobs, an
 *       error boundary on the send step, four variables — whose steps do nothing: what the engine alone
 *       costs for that model, without crmflow's work (lead row, scoring decision, email).</li>
 *   <li><b>plain Spring</b>: {@code POST /bench/plain} inserts the lead row in a transaction and sends
 *       the email, no engine — what a hand-written script would do.</li>
 * </ul>
 *
 * Prints progress and one table with ratios; writes target/bench/results.json.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.crmflow.bench.Benchmark \
 *     -Dexec.args="--leads=6000 --rate=200 --db=postgres"
 * </pre>
 * Options: --leads (per scenario and mode), --rate (per second), --warmup (requests), --clients
 * (flat-out concurrency), --open=false (skip the fixed-rate pass), --saturate=false (skip the
 * flat-out pass), --db=h2|postgres, --out=dir.
 * Any other --name=value goes to crmflow as a Spring property (e.g.
 * --camunda.bpm.job-execution.max-pool-size=4), to try a tuning step.
 */
public final class Benchmark {

  static final String EMPTY_PROCESS = "bench-empty";
  static final String SHAPE_PROCESS = "bench-lead-intake-shape";
  private static final Pattern INSTANCE = Pattern.compile("\"processInstanceId\"\\s*:\\s*\"([^\"]+)\"");
  private static final String AUTH = "Basic "
      + Base64.getEncoder().encodeToString("webform:webform".getBytes(StandardCharsets.UTF_8));

  /** The options of one run. */
  public record Options(int leads, double rate, int warmup, int clients, boolean open, boolean saturate,
                        boolean postgres, Path out, List<Scenario> scenarios, List<String> appArguments) {

    static Options parse(String... args) {
      Map<String, String> values = new LinkedHashMap<>();
      List<String> app = new ArrayList<>();
      for (String arg : args) {
        String[] pair = arg.replaceFirst("^--", "").split("=", 2);
        if (List.of("leads", "rate", "warmup", "clients", "open", "saturate", "db", "out", "scenarios").contains(pair[0])) {
          values.put(pair[0], pair.length > 1 ? pair[1] : "true");
        } else {
          app.add(arg);
        }
      }
      int leads = Integer.parseInt(values.getOrDefault("leads", "3000"));
      return new Options(leads, Double.parseDouble(values.getOrDefault("rate", "200")),
          Integer.parseInt(values.getOrDefault("warmup", String.valueOf(Math.max(50, leads / 5)))),
          Integer.parseInt(values.getOrDefault("clients", "32")),
          Boolean.parseBoolean(values.getOrDefault("open", "true")),
          Boolean.parseBoolean(values.getOrDefault("saturate", "true")),
          "postgres".equals(values.getOrDefault("db", "h2")),
          Path.of(values.getOrDefault("out", "target/bench")), scenarios(values.get("scenarios")), app);
    }

    /** {@code lead-intake,plain}: the scenarios whose label starts with one of the names; all by default. */
    private static List<Scenario> scenarios(String names) {
      if (names == null) {
        return List.of(Scenario.values());
      }
      List<String> wanted = List.of(names.split(","));
      return Arrays.stream(Scenario.values())
          .filter(scenario -> wanted.stream().anyMatch(name -> scenario.label.startsWith(name.strip())
              || scenario.name().equalsIgnoreCase(name.strip().replace('-', '_')))).toList();
    }
  }

  /** One scenario in one mode. Latencies in milliseconds. */
  public record Result(String scenario, String mode, int requests, int errors, double offeredRate,
                       double throughput, Map<String, Double> rest, Map<String, Double> endToEnd, long emails,
                       ResourceMeter.Usage perInstance) {
  }

  public static void main(String[] args) throws Exception {
    List<Result> results = run(Options.parse(args));
    boolean failed = results.stream().anyMatch(result -> result.errors() > 0);
    System.exit(failed ? 1 : 0);
  }

  public static List<Result> run(Options options) throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    String database = null;
    String url = "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    ResourceMeter meter = ResourceMeter.cpuOnly();
    if (options.postgres()) {
      database = "crmflow_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      admin("create database " + database);
      url = serverUrl() + database;
      meter = ResourceMeter.postgres(serverUrl(), database, env("CRMFLOW_TEST_PG_USER", "postgres"),
          env("CRMFLOW_TEST_PG_PASSWORD", ""));
    }
    List<String> arguments = appArguments(url, smtp.getSmtp().getPort());
    arguments.addAll(options.appArguments());
    System.out.printf("Starting crmflow (%s)…%n", options.postgres() ? "PostgreSQL " + database : "H2 in memory");
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmflowApplication.class)
        .profiles(options.postgres() ? new String[] {"postgres"} : new String[0])
        .initializers(context -> ((GenericApplicationContext) context)
            .registerBean("benchRoutes", RouterFunction.class, () -> benchRoutes(context)))
        .run(arguments.toArray(String[]::new));
    try {
      app.getBean(RepositoryService.class).createDeployment().name(EMPTY_PROCESS)
          .addModelInstance(EMPTY_PROCESS + ".bpmn", Bpmn.createExecutableProcess(EMPTY_PROCESS)
              .name("Bench: empty process").camundaHistoryTimeToLive(1)
              .startEvent("StartEvent_Begun").name("Begun").endEvent("EndEvent_Done").name("Done").done())
          .addModelInstance(SHAPE_PROCESS + ".bpmn", leadIntakeShape())
          .deploy();
      Runner runner = new Runner(app, smtp, meter, options);
      List<Result> results = new ArrayList<>();
      List<String> modes = new ArrayList<>();
      if (options.open()) {
        modes.add("rate");
      }
      if (options.saturate()) {
        modes.add("flat out");
      }
      for (String mode : modes) {
        for (Scenario scenario : options.scenarios()) {
          results.add(runner.run(scenario, mode));
        }
      }
      Object steps = runner.leadIntakeSteps();
      report(results, options, steps);
      return results;
    } finally {
      app.close();
      smtp.stop();
      if (database != null) {
        admin("drop database if exists " + database + " with (force)");
      }
    }
  }

  enum Scenario {
    LEAD_INTAKE("lead-intake", "lead-intake", "/api/leads", "lead-intake"),
    ENGINE_FLOOR("engine floor (empty process)", "engine floor", "/bench/empty", EMPTY_PROCESS),
    ENGINE_SHAPE("engine, lead-intake's shape", "lead-intake's shape", "/bench/shape", SHAPE_PROCESS),
    PLAIN_SPRING("plain Spring (insert + email)", "plain Spring", "/bench/plain", null);

    final String label;
    final String shortName;
    final String path;
    final String processKey;

    Scenario(String label, String shortName, String path, String processKey) {
      this.label = label;
      this.shortName = shortName;
      this.path = path;
      this.processKey = processKey;
    }

    static Scenario ofLabel(String label) {
      return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst().orElseThrow();
    }
  }

  /** Sends one scenario's requests and collects what happened to each. */
  private static final class Runner {

    private final JdbcClient jdbc;
    private final GreenMail smtp;
    private final ResourceMeter meter;
    private final Options options;
    private final String baseUrl;
    private final HttpClient http;

    Runner(ConfigurableApplicationContext app, GreenMail smtp, ResourceMeter meter, Options options) {
      this.jdbc = JdbcClient.create(app.getBean(DataSource.class));
      this.smtp = smtp;
      this.meter = meter;
      this.options = options;
      this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(8, named("bench-client"))).build();
    }

    /**
     * Where lead-intake time went, from crmflow's own workflow metrics: time in each step (the rest of
     * the end-to-end time is waiting for a job thread).
     */
    Object leadIntakeSteps() throws Exception {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
              + "/api/metrics/workflows/lead-intake"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(
              StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
      Map<?, ?> detail = new ObjectMapper().readValue(response.body(), Map.class);
      List<?> activities = (List<?>) detail.get("activities");
      System.out.printf("%nlead-intake steps (from /api/metrics/workflows/lead-intake): step, count, avg ms, p95 ms%n");
      for (Object activity : activities) {
        Map<?, ?> step = (Map<?, ?>) activity;
        System.out.printf("  %-28s %7s %9s %9s%n", step.get("activityId"), step.get("count"), step.get("avgMillis"),
            step.get("p95Millis"));
      }
      return activities;
    }

    Result run(Scenario scenario, String mode) throws Exception {
      boolean flatOut = "flat out".equals(mode);
      System.out.printf("%n== %s, %s: %d warm-up requests…%n", scenario.label,
          flatOut ? options.clients() + " clients flat out" : options.rate() + "/s", options.warmup());
      Batch warmup = send(scenario, options.warmup(), flatOut, false);
      awaitCompletion(scenario, warmup, false);
      long emailsBefore = smtp.getReceivedMessages().length;
      System.out.printf("== %s: measuring %d requests…%n", scenario.label, options.leads());
      ResourceMeter.Snapshot before = meter.snapshot();
      Batch batch = send(scenario, options.leads(), flatOut, true);
      Map<String, Long> completedAt = awaitCompletion(scenario, batch, true);
      long emails = smtp.getReceivedMessages().length - emailsBefore;

      List<Double> rest = new ArrayList<>();
      List<Double> endToEnd = new ArrayList<>();
      long first = Long.MAX_VALUE;
      long last = 0;
      for (Sent sent : batch.sent()) {
        if (sent.error) {
          continue;
        }
        rest.add((sent.answeredNanos - sent.dueNanos) / 1e6);
        // done: the process ended (engine scenarios; never before the caller has its answer) or the answer came
        long answered = batch.wallMillis(sent.answeredNanos);
        long done = scenario.processKey == null ? answered
            : completedAt.containsKey(sent.processInstanceId)
                ? Math.max(answered, completedAt.get(sent.processInstanceId)) : -1L;
        if (done > 0) {
          endToEnd.add((double) Math.max(0, done - batch.wallMillis(sent.dueNanos)));
          last = Math.max(last, done);
        }
        first = Math.min(first, batch.wallMillis(sent.dueNanos));
      }
      int errors = (int) batch.sent().stream().filter(sent -> sent.error).count() + (rest.size() - endToEnd.size());
      double seconds = Math.max(1, last - first) / 1000.0;
      Result result = new Result(scenario.label, flatOut ? "flat out (" + options.clients() + " clients)"
          : "open, " + (int) options.rate() + "/s", options.leads(), errors, flatOut ? 0 : options.rate(),
          Math.round(endToEnd.size() / seconds * 10) / 10.0, percentiles(rest), percentiles(endToEnd), emails,
          meter.since(before, endToEnd.size()));
      System.out.printf("   %s: %.1f/s end to end, REST p99 %.1f ms, end-to-end p99 %.1f ms, %d errors, %d emails%n",
          scenario.label, result.throughput(), result.rest().get("p99"), result.endToEnd().get("p99"), errors,
          emails);
      printUsage(result.perInstance());
      return result;
    }

    private record Batch(List<Sent> sent, long startNanos, long startMillis) {

      long wallMillis(long nanos) {
        return startMillis + (nanos - startNanos) / 1_000_000;
      }
    }

    private static final class Sent {
      volatile long dueNanos;
      volatile long answeredNanos;
      volatile String processInstanceId;
      volatile boolean error;
    }

    private Batch send(Scenario scenario, int count, boolean flatOut, boolean showProgress) throws Exception {
      List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
      long startNanos = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      AtomicInteger answered = new AtomicInteger();
      Progress progress = showProgress ? new Progress(scenario, count, answered, startMillis) : null;
      List<CompletableFuture<?>> pending = new ArrayList<>();
      if (flatOut) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(options.clients(), named("bench-client"));
        for (int c = 0; c < options.clients(); c++) {
          pending.add(CompletableFuture.runAsync(() -> {
            while (next.getAndIncrement() < count) {
              Sent one = new Sent();
              one.dueNanos = System.nanoTime();
              sent.add(one);
              try {
                record(one, http.send(request(scenario), HttpResponse.BodyHandlers.ofString()), answered);
              } catch (Exception e) {
                fail(one, e, answered);
              }
            }
          }, clients));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        clients.shutdown();
      } else {
        // open model: each request is scheduled at its due time, whether or not earlier ones were answered
        ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor(named("bench-arrivals"));
        for (int i = 0; i < count; i++) {
          long due = startNanos + (long) (i * 1e9 / options.rate());
          CompletableFuture<Void> done = new CompletableFuture<>();
          pending.add(done);
          arrivals.schedule(() -> {
            Sent one = new Sent();
            one.dueNanos = due;
            sent.add(one);
            http.sendAsync(request(scenario), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                  if (failure != null) {
                    fail(one, failure, answered);
                  } else {
                    record(one, response, answered);
                  }
                  done.complete(null);
                });
          }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        arrivals.shutdown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
      }
      if (progress != null) {
        progress.answered();
      }
      return new Batch(new ArrayList<>(sent), startNanos, startMillis);
    }

    private void record(Sent one, HttpResponse<String> response, AtomicInteger answered) {
      one.answeredNanos = System.nanoTime();
      one.error = response.statusCode() != 202 && response.statusCode() != 200;
      Matcher matcher = INSTANCE.matcher(response.body());
      one.processInstanceId = matcher.find() ? matcher.group(1) : null;
      answered.incrementAndGet();
    }

    private static void fail(Sent one, Throwable failure, AtomicInteger answered) {
      one.answeredNanos = System.nanoTime();
      one.error = true;
      answered.incrementAndGet();
    }

    private HttpRequest request(Scenario scenario) {
      String body = """
          {"name": "Bench Lead", "email": "bench.%s@example.org", "source": "website", "companySize": 120,
           "budget": 8000, "marketingConsent": false}""".formatted(UUID.randomUUID());
      return HttpRequest.newBuilder(URI.create(baseUrl + scenario.path)).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json").header("Authorization", AUTH)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Waits until every instance of the batch ended; returns their end times (epoch ms). */
    private Map<String, Long> awaitCompletion(Scenario scenario, Batch batch, boolean showProgress)
        {
      Map<String, Long> ended = new ConcurrentHashMap<>();
      if (scenario.processKey == null) {
        return ended;
      }
      List<String> ids = batch.sent().stream().map(sent -> sent.processInstanceId).filter(id -> id != null).toList();
      AtomicLong lastPrint = new AtomicLong();
      try {
        await().atMost(Duration.ofMillis(120_000 + ids.size() * 20L)).pollInterval(Duration.ofMillis(200))
            .until(() -> {
              for (int i = 0; i < ids.size(); i += 500) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500)).stream()
                    .filter(id -> !ended.containsKey(id)).toList();
                if (!chunk.isEmpty()) {
                  jdbc.sql(ResourceMeter.BENCH_MARK + " select PROC_INST_ID_, END_TIME_ from ACT_HI_PROCINST"
                          + " where END_TIME_ is not null and PROC_INST_ID_ in (:ids)").param("ids", chunk)
                      .query((java.sql.ResultSet rs) -> {
                        ended.put(rs.getString(1), rs.getTimestamp(2).getTime());
                      });
                }
              }
              if (showProgress && System.currentTimeMillis() - lastPrint.get() > 2000) {
                System.out.printf("   … %d of %d instances at their end%n", ended.size(), ids.size());
                lastPrint.set(System.currentTimeMillis());
              }
              return ended.size() >= ids.size();
            });
      } catch (ConditionTimeoutException stillRunning) {
        // reported as what it is: the table counts the instances that did not end in time
      }
      return ended;
    }
  }

  /** Prints how far the requests of one batch got, every two seconds. */
  private static final class Progress {

    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-progress");
      thread.setDaemon(true);
      return thread;
    });

    Progress(Scenario scenario, int count, AtomicInteger answered, long startMillis) {
      printer.scheduleAtFixedRate(() -> System.out.printf("   … %d of %d requests answered (%.0f s)%n",
          answered.get(), count, (System.currentTimeMillis() - startMillis) / 1000.0), 2, 2, TimeUnit.SECONDS);
    }

    void answered() {
      printer.shutdownNow();
    }
  }

  /** Bench-only endpoints, registered by this class alone (no component scanning picks them up). */
  private static RouterFunction<ServerResponse> benchRoutes(org.springframework.context.ApplicationContext context) {
    return RouterFunctions.route()
        .POST("/bench/empty", request -> {
          String id = new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).execute(status ->
              context.getBean(RuntimeService.class).startProcessInstanceByKey(EMPTY_PROCESS).getId());
          return ServerResponse.accepted().body(Map.of("processInstanceId", id));
        })
        .POST("/bench/shape", request -> {
          String id = new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).execute(status ->
              context.getBean(RuntimeService.class).startProcessInstanceByKey(SHAPE_PROCESS,
                  Map.of("leadId", UUID.randomUUID().toString(), "marketingConsent", false)).getId());
          return ServerResponse.accepted().body(Map.of("processInstanceId", id));
        })
        .POST("/bench/plain", request -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> lead = request.body(Map.class);
          String id = UUID.randomUUID().toString();
          String email = (String) lead.get("email");
          // the rows crmflow writes for a new person: their contact, its address and the lead
          new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
            Timestamp now = Timestamp.from(Instant.now());
            String contactId = UUID.randomUUID().toString();
            jdbc.sql("""
                insert into crm_contact (id, email, name, locale, marketing_consent, sms_consent, email_invalid,
                  lifecycle_stage, created_at, updated_at)
                values (?, ?, ?, 'en', ?, false, false, 'LEAD', ?, ?)""")
                .params(contactId, email, lead.get("name"), Boolean.TRUE.equals(lead.get("marketingConsent")), now, now)
                .update();
            jdbc.sql("insert into crm_contact_address (email_normalized, contact_id) values (?, ?)")
                .params(email.toLowerCase(), contactId).update();
            jdbc.sql("""
                insert into crm_lead (id, contact_id, company_size, budget, source, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'NURTURING', ?, ?)""")
                .params(id, contactId, lead.get("companySize"), lead.get("budget"), lead.get("source"), now, now)
                .update();
          });
          JavaMailSender mail = context.getBean(JavaMailSender.class);
          MimeMessage message = mail.createMimeMessage();
          MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
          helper.setFrom("crmflow <no-reply@crmflow.example>");
          helper.setTo(email);
          helper.setSubject("Welcome to crmflow");
          helper.setText("Hello " + lead.get("name") + ",\n\nthank you for your interest.",
              "<p>Hello " + lead.get("name") + ",</p><p>thank you for your interest.</p>");
          mail.send(message);
          return ServerResponse.accepted().body(Map.of("leadId", id));
        })
        .build();
  }

  /**
   * The path of a cold lead without consent through lead-intake, with steps that do nothing: start,
   * create (async), score (sets score and rating), record, send (async, error boundary), three
   * gateways, move to nurturing, end.
   */
  private static BpmnModelInstance leadIntakeShape() {
    return Bpmn.createExecutableProcess(SHAPE_PROCESS).name("Bench: lead-intake's shape").camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Submitted")
        .serviceTask("Task_Create").camundaAsyncBefore().camundaExpression("${true}")
        .serviceTask("Task_Score").camundaExpression("${true}")
        .camundaOutputParameter("score", "${20}").camundaOutputParameter("rating", "cold")
        .serviceTask("Task_Record").camundaExpression("${true}")
        .serviceTask("Task_Send").camundaAsyncBefore().camundaExpression("${true}")
        .exclusiveGateway("Gateway_Handled")
        .exclusiveGateway("Gateway_Rating")
        .serviceTask("Task_Move").camundaExpression("${true}")
        .exclusiveGateway("Gateway_Consent")
        .endEvent("EndEvent_Nurturing")
        .moveToActivity("Task_Send").boundaryEvent("Boundary_Undeliverable").error("Undeliverable")
        .connectTo("Gateway_Handled")
        .done();
  }

  private static Map<String, Double> percentiles(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    Map<String, Double> result = new LinkedHashMap<>();
    for (int p : new int[] {50, 95, 99}) {
      result.put("p" + p, sorted.isEmpty() ? 0.0
          : round(sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))));
    }
    result.put("max", sorted.isEmpty() ? 0.0 : round(sorted.get(sorted.size() - 1)));
    return result;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void report(List<Result> results, Options options, Object leadIntakeSteps) throws Exception {
    System.out.printf("%n%-32s %-24s %9s %22s %26s %6s%n", "scenario", "mode", "per s", "REST p50/p95/p99 ms",
        "end-to-end p50/p95/p99 ms", "errors");
    for (Result r : results) {
      System.out.printf("%-32s %-24s %9.1f %22s %26s %6d%n", r.scenario(), r.mode(), r.throughput(),
          triple(r.rest()), triple(r.endToEnd()), r.errors());
    }
    System.out.printf("%nper completed instance:%n%-32s %-24s %11s %11s %11s %13s %11s%n", "scenario", "mode",
        "app CPU ms", "PG CPU ms", "statements", "database B", "WAL B");
    for (Result r : results) {
      ResourceMeter.Usage usage = r.perInstance();
      System.out.printf("%-32s %-24s %11.2f %11s %11s %13s %11s%n", r.scenario(), r.mode(), usage.appCpuMs(),
          usage.dbCpuMs(), usage.statements(), usage.databaseBytes(), usage.walBytes());
    }
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String mode : results.stream().map(Result::mode).distinct().toList()) {
      Map<Scenario, Result> inMode = new EnumMap<>(Scenario.class);
      results.stream().filter(r -> r.mode().equals(mode))
          .forEach(r -> inMode.put(Scenario.ofLabel(r.scenario()), r));
      Map<String, Double> ratio = new LinkedHashMap<>();
      ratio(ratio, inMode, "throughput", Scenario.LEAD_INTAKE, Scenario.ENGINE_FLOOR, Result::throughput);
      ratio(ratio, inMode, "throughput", Scenario.LEAD_INTAKE, Scenario.ENGINE_SHAPE, Result::throughput);
      ratio(ratio, inMode, "throughput", Scenario.ENGINE_SHAPE, Scenario.ENGINE_FLOOR, Result::throughput);
      ratio(ratio, inMode, "throughput", Scenario.LEAD_INTAKE, Scenario.PLAIN_SPRING, Result::throughput);
      ratio(ratio, inMode, "end-to-end p99", Scenario.LEAD_INTAKE, Scenario.ENGINE_FLOOR,
          r -> Math.max(0.1, r.endToEnd().get("p99")));
      ratio(ratio, inMode, "end-to-end p99", Scenario.LEAD_INTAKE, Scenario.PLAIN_SPRING,
          r -> Math.max(0.1, r.endToEnd().get("p99")));
      ratio(ratio, inMode, "app CPU per instance", Scenario.LEAD_INTAKE, Scenario.PLAIN_SPRING,
          r -> r.perInstance().appCpuMs());
      ratio(ratio, inMode, "app CPU per instance", Scenario.LEAD_INTAKE, Scenario.ENGINE_SHAPE,
          r -> r.perInstance().appCpuMs());
      ratios.put(mode, ratio);
      System.out.printf("ratios, %s: %s%n", mode, ratio);
    }
    Files.createDirectories(options.out());
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("at", Instant.now().toString());
    document.put("database", options.postgres() ? "postgresql" : "h2");
    document.put("cores", Runtime.getRuntime().availableProcessors());
    document.put("options", Map.of("leads", options.leads(), "rate", options.rate(), "warmup", options.warmup(),
        "clients", options.clients(), "scenarios", options.scenarios(), "appArguments", options.appArguments()));
    document.put("results", results);
    document.put("ratios", ratios);
    document.put("leadIntakeSteps", leadIntakeSteps);
    Path file = options.out().resolve("results.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    System.out.println("Written " + file.toAbsolutePath());
  }

  /** {@code ratio.put("<what> <a> / <b>", a ÷ b)} when both scenarios ran in this mode. */
  private static void ratio(Map<String, Double> ratio, Map<Scenario, Result> inMode, String what, Scenario a,
                            Scenario b, ToDoubleFunction<Result> measure) {
    if (inMode.containsKey(a) && inMode.containsKey(b)) {
      ratio.put(what + " " + a.shortName + " / " + b.shortName,
          round2(measure.applyAsDouble(inMode.get(a)) / measure.applyAsDouble(inMode.get(b))));
    }
  }

  private static void printUsage(ResourceMeter.Usage usage) {
    System.out.printf("   per instance: app CPU %.2f ms, PostgreSQL CPU %s ms, %s statements (%s ms in PostgreSQL),"
            + " database +%s bytes, WAL %s bytes%n", usage.appCpuMs(), usage.dbCpuMs(), usage.statements(),
        usage.statementTimeMs(), usage.databaseBytes(), usage.walBytes());
    System.out.printf("   app CPU ms per instance by thread: %s%n", usage.appCpuMsByThread());
    usage.topStatements().stream().limit(12).forEach(row -> System.out.printf("   %6s × %6s ms  %s%n", row.get("perInstance"),
        row.get("msPerInstance"), row.get("query")));
    if (!usage.topTableBytes().isEmpty()) {
      System.out.printf("   bytes per instance by table: %s%n", usage.topTableBytes());
    }
    usage.notes().forEach(note -> System.out.println("   note: " + note));
  }

  private static String triple(Map<String, Double> latency) {
    return "%.1f / %.1f / %.1f".formatted(latency.get("p50"), latency.get("p95"), latency.get("p99"));
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /**
   * The Spring arguments of crmflow started in-process for a bench run: on a random port, on the database
   * at {@code datasourceUrl} (H2 or the test PostgreSQL server's), sending mail to 127.0.0.1:{@code smtpPort},
   * with the demo users, without the Camunda webapps (not measured, and their per-JVM static state would
   * disturb the test suite's app).
   */
  static List<String> appArguments(String datasourceUrl, int smtpPort) {
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + datasourceUrl,
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort, "--crmflow.security.admin-password=admin",
        "--crmflow.security.demo-users=true", "--crmflow.messaging.secret=bench-messaging-secret-0123456789",
        "--camunda.bpm.process-engine-name=bench", "--logging.level.root=warn",
        "--logging.level.io.crmflow=warn", "--spring.main.banner-mode=off",
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
    if (datasourceUrl.startsWith("jdbc:postgresql:")) {
      arguments.add("--spring.datasource.username=" + env("CRMFLOW_TEST_PG_USER", "postgres"));
      arguments.add("--spring.datasource.password=" + env("CRMFLOW_TEST_PG_PASSWORD", ""));
    }
    return arguments;
  }

  /** The PostgreSQL server's JDBC URL, up to the database name. */
  static String serverUrl() {
    return "jdbc:postgresql://" + env("CRMFLOW_TEST_PG_HOST", "127.0.0.1") + ":" + env("CRMFLOW_TEST_PG_PORT", "5432")
        + "/";
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  static void admin(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl() + "postgres", env("CRMFLOW_TEST_PG_USER", "postgres"),
        env("CRMFLOW_TEST_PG_PASSWORD", ""));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private Benchmark() {
  }
}

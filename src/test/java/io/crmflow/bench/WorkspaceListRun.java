package io.crmflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crmflow.CrmflowApplication;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * How fast the lead lists answer with many leads: the workspace's page {@code GET /app/leads} (logged in
 * with a Camunda webapp session) and {@code GET /api/leads} (JSON, HTTP Basic), for the filters people
 * use — none, a status, an owner, a rating, a text search, a sort by name, a page deep in the list.
 *
 * <p>Starts crmflow in-process on a fresh database (H2 in a file under target/, like the default set-up,
 * or with {@code --db=postgres} a PostgreSQL database of its own on 127.0.0.1:5432, CRMFLOW_TEST_PG_HOST,
 * _PORT, _USER, _PASSWORD as for the PostgreSQL suite; both removed afterwards), fills it straight with
 * JDBC batch inserts — contacts, their addresses and their leads, as lead intake leaves them — and asks
 * each list {@code --warmup} times, then {@code --samples} times one after the other. Server time is
 * measured inside the app, from the first filter to the last byte written (a bench-only filter), so it
 * includes security, the queries and rendering; the client's time on loopback is shown beside it.
 * Before every request the bench changes one lead, its contact and address, as other users' work
 * would: H2 answers a query it has just answered from a cache until a table it reads changes, which
 * would otherwise measure that cache instead of the query.
 * Prints median and p95 per list and writes results.json and results.md to {@code --out}.
 *
 * <pre>
 * mvn -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.crmflow.bench.WorkspaceListRun -Dexec.args="--leads=100000 --db=h2"
 * </pre>
 * Options: --leads, --samples (default 40), --warmup (default 10), --db=h2|postgres, --out (default
 * target/workspace-bench), --keep (leave the database for a look at its query plans). Any other
 * --name=value goes to crmflow as a Spring property.
 */
public final class WorkspaceListRun {

  /** The user the lists are read as: a sales manager sees every lead. */
  private static final String READER = "mia";
  private static final String ENGINE = "workspacebench";
  private static final String TIMING_HEADER = "X-Bench-Request";
  private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");
  private static final String[] STATUSES = {"NEW", "IN_REVIEW", "QUALIFIED", "DISQUALIFIED", "NURTURING", "COLD"};
  /** How often each status occurs, in percent: most leads are done with (qualified, disqualified, cold). */
  private static final int[] STATUS_SHARE = {3, 7, 20, 20, 20, 30};
  private static final String[] SOURCES = {"REFERRAL", "WEBINAR", "EVENT", "WEBSITE", "OTHER"};
  private static final String[] FIRST_NAMES = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret",
      "Dennis", "Frances", "Ken", "Radia", "Tim", "Hedy", "Linus", "Sophie", "John", "Karen", "Niklaus", "Anita",
      "Claude"};
  private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth",
      "Hamilton", "Ritchie", "Allen", "Thompson", "Perlman", "Berners-Lee", "Lamarr", "Torvalds", "Wilson",
      "Backus", "Jones", "Wirth", "Borg", "Shannon"};
  private static final String[] COMPANY_WORDS = {"Analytical", "Difference", "Jacquard", "Babbage", "Engines",
      "Looms", "Compilers", "Circuits", "Relays", "Punchcards", "Vacuum", "Transistor", "Mainframe", "Kernel",
      "Lattice", "Quantum", "Signal", "Cipher", "Vector", "Matrix"};
  private static final String[] COMPANY_SUFFIXES = {"Ltd", "GmbH", "Inc", "SAS", "BV"};

  /** The options of one run. */
  public record Options(int leads, int samples, int warmup, boolean postgres, boolean keep, Path out,
                        List<String> appArguments) {

    static Options parse(String... args) {
      Map<String, String> values = new LinkedHashMap<>();
      List<String> app = new ArrayList<>();
      for (String arg : args) {
        String[] pair = arg.replaceFirst("^--", "").split("=", 2);
        if (List.of("leads", "samples", "warmup", "db", "keep", "out").contains(pair[0])) {
          values.put(pair[0], pair.length > 1 ? pair[1] : "true");
        } else {
          app.add(arg);
        }
      }
      return new Options(Integer.parseInt(values.getOrDefault("leads", "100000")),
          Integer.parseInt(values.getOrDefault("samples", "40")), Integer.parseInt(values.getOrDefault("warmup", "10")),
          "postgres".equals(values.getOrDefault("db", "h2")),
          Boolean.parseBoolean(values.getOrDefault("keep", "false")),
          Path.of(values.getOrDefault("out", "target/workspace-bench")), app);
    }
  }

  /**
   * One list, read through one endpoint. Times in milliseconds.
   *
   * @param total the list's length (X-Total-Count, or the page's count), to show the filter matched something
   */
  public record Result(String list, String query, String endpoint, int status, long total, int samples,
                       double serverMedian, double serverP95, double clientMedian, double clientP95) {
  }

  public static void main(String[] args) throws Exception {
    List<Result> results = run(Options.parse(args));
    System.exit(results.stream().allMatch(result -> result.status() == 200) ? 0 : 1);
  }

  public static List<Result> run(Options options) throws Exception {
    String database = null;
    Path h2Directory = null;
    String url;
    if (options.postgres()) {
      database = "crmflow_workspace_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      Benchmark.admin("create database " + database);
      url = "jdbc:postgresql://" + Benchmark.env("CRMFLOW_TEST_PG_HOST", "127.0.0.1") + ":"
          + Benchmark.env("CRMFLOW_TEST_PG_PORT", "5432") + "/" + database;
    } else {
      h2Directory = options.out().resolve("h2-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
      // as application.yaml's default: a file database with its settings
      url = "jdbc:h2:file:" + h2Directory.resolve("crmflow")
          + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=65536";
    }
    List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
        "--crmflow.security.admin-password=admin", "--crmflow.security.demo-users=true",
        "--crmflow.messaging.secret=bench-messaging-secret-0123456789", "--camunda.bpm.process-engine-name=" + ENGINE,
        "--camunda.bpm.job-execution.enabled=false", "--crmflow.metrics.rollup.enabled=false",
        "--logging.level.root=warn", "--logging.level.io.crmflow=warn", "--spring.main.banner-mode=off",
        // no Camunda webapps (their per-JVM static state would disturb the test suite's app): the bench
        // logs in with the webapps' own session code instead of their login endpoint (benchLogin)
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
    if (options.postgres()) {
      arguments.add("--spring.datasource.username=" + Benchmark.env("CRMFLOW_TEST_PG_USER", "postgres"));
      arguments.add("--spring.datasource.password=" + Benchmark.env("CRMFLOW_TEST_PG_PASSWORD", ""));
    }
    arguments.addAll(options.appArguments());
    String db = options.postgres() ? "PostgreSQL" : "H2 (file)";
    System.out.printf("Starting crmflow on %s…%n", options.postgres() ? "PostgreSQL " + database : "H2 " + h2Directory);
    Map<String, Long> serverNanos = new ConcurrentHashMap<>();
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CrmflowApplication.class)
        .profiles(options.postgres() ? new String[] {"postgres"} : new String[0])
        .initializers(context -> {
          GenericApplicationContext generic = (GenericApplicationContext) context;
          generic.registerBean("benchLogin", RouterFunction.class, () -> benchLogin(context));
          generic.registerBean("benchServerTime", FilterRegistrationBean.class, () -> serverTime(serverNanos));
        })
        .run(arguments.toArray(String[]::new));
    try {
      DataSource dataSource = app.getBean(DataSource.class);
      long started = System.nanoTime();
      fill(new JdbcTemplate(dataSource), new TransactionTemplate(app.getBean(PlatformTransactionManager.class)),
          options.leads());
      System.out.printf("Filled %,d leads (contacts, addresses, leads) in %.1f s%n", options.leads(),
          (System.nanoTime() - started) / 1e9);
      analyze(JdbcClient.create(dataSource), options.postgres());
      String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      Lists lists = new Lists(base, serverNanos, options, JdbcClient.create(dataSource));
      List<Result> results = new ArrayList<>();
      for (var list : scenarios(options.leads()).entrySet()) {
        results.add(lists.measure(list.getKey(), list.getValue(), "/app/leads"));
        results.add(lists.measure(list.getKey(), list.getValue(), "/api/leads"));
      }
      report(results, options, db);
      return results;
    } finally {
      app.close();
      if (options.keep()) {
        System.out.printf("Kept the database: %s%n", url);
      } else if (database != null) {
        Benchmark.admin("drop database if exists " + database + " with (force)");
      }
      if (h2Directory != null && !options.keep()) {
        FileSystemUtils.deleteRecursively(h2Directory);
      }
    }
  }

  /** The lists asked for, by name: the filters people use, and a page deep in the unfiltered list. */
  static Map<String, String> scenarios(int leads) {
    Map<String, String> scenarios = new LinkedHashMap<>();
    scenarios.put("no filter", "");
    scenarios.put("status", "status=IN_REVIEW");
    scenarios.put("owner", "owner=rep07");
    scenarios.put("rating", "rating=hot");
    // a word in about one company name in ten, and so in as many leads
    scenarios.put("text search", "q=quantum");
    scenarios.put("sorted by name", "status=NURTURING&sort=name,asc");
    scenarios.put("deep page", "page=" + Math.max(1, leads / 2 / 25));
    return scenarios;
  }

  /** Reads the lists over HTTP: the page with a webapp session, the API with Basic, both as {@link #READER}. */
  private static final class Lists {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, Long> serverNanos;
    private final Options options;
    private final String sessionId;
    private final JdbcClient jdbc;
    private final Map<String, Object> touched;

    Lists(String base, Map<String, Long> serverNanos, Options options, JdbcClient jdbc) throws Exception {
      this.base = base;
      this.serverNanos = serverNanos;
      this.options = options;
      this.jdbc = jdbc;
      this.touched = jdbc.sql("""
              select l.id as lead_id, c.id as contact_id, a.email_normalized as email
              from crm_lead l join crm_contact c on c.id = l.contact_id
                join crm_contact_address a on a.contact_id = c.id
              fetch first 1 row only""").query().singleRow();
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/bench/login?user=" + READER))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      // the last cookie: the login replaces the session it started in by a new one
      List<String> cookies = login.headers().allValues("Set-Cookie");
      Matcher session = SESSION_COOKIE.matcher(cookies.isEmpty() ? "" : cookies.get(cookies.size() - 1));
      if (login.statusCode() != 204 || !session.lookingAt()) {
        throw new IllegalStateException("bench login failed: " + login.statusCode());
      }
      this.sessionId = session.group(1);
    }

    Result measure(String list, String query, String endpoint) throws Exception {
      String path = endpoint + (query.isEmpty() ? "" : "?" + query);
      HttpResponse<String> last = null;
      for (int i = 0; i < options.warmup(); i++) {
        last = send(path, null);
      }
      List<Double> server = new ArrayList<>();
      List<Double> client = new ArrayList<>();
      for (int i = 0; i < options.samples(); i++) {
        String id = UUID.randomUUID().toString();
        long started = System.nanoTime();
        last = send(path, id);
        client.add((System.nanoTime() - started) / 1e6);
        Long nanos = serverNanos.remove(id);
        server.add(nanos == null ? Double.NaN : nanos / 1e6);
      }
      Result result = new Result(list, query, endpoint, last.statusCode(), total(last), options.samples(),
          percentile(server, 50), percentile(server, 95), percentile(client, 50), percentile(client, 95));
      System.out.printf("  %-15s %-11s %4d  %,9d  server %7.1f / %7.1f ms   client %7.1f / %7.1f ms%n", list,
          endpoint, result.status(), result.total(), result.serverMedian(), result.serverP95(), result.clientMedian(),
          result.clientP95());
      return result;
    }

    private HttpResponse<String> send(String path, String id) throws Exception {
      touch();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
      if (path.startsWith("/app/")) {
        request.header("Cookie", "JSESSIONID=" + sessionId).header("Accept", "text/html");
      } else {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (READER + ":" + READER).getBytes(StandardCharsets.UTF_8))).header("Accept", "application/json");
      }
      if (id != null) {
        request.header(TIMING_HEADER, id);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Changes one row of each table the lists read, as someone's work would between two requests. */
    private void touch() {
      Timestamp now = Timestamp.from(Instant.now());
      jdbc.sql("update crm_lead set updated_at = :now where id = :id").param("now", now)
          .param("id", touched.get("lead_id")).update();
      jdbc.sql("update crm_contact set updated_at = :now where id = :id").param("now", now)
          .param("id", touched.get("contact_id")).update();
      jdbc.sql("update crm_contact_address set contact_id = contact_id where email_normalized = :email")
          .param("email", touched.get("email")).update();
    }

    /** The list's length: the API's X-Total-Count, the page's "12,345 leads · page 1 of 494". */
    private static long total(HttpResponse<String> response) {
      return response.headers().firstValue("X-Total-Count").map(Long::parseLong).orElseGet(() -> {
        Matcher count = Pattern.compile("([\\d,]+) leads · page").matcher(response.body());
        if (count.find()) {
          return Long.parseLong(count.group(1).replace(",", ""));
        }
        return response.body().contains("No leads match") ? 0L : -1L;
      });
    }
  }

  /**
   * Fills crmflow's tables as lead intake would have: one contact per person (with their address in
   * crm_contact_address) and one lead each, over the last two years, most of them done with. Owners are
   * 20 salespeople (rep00…rep19), set once a lead was reviewed.
   */
  static void fill(JdbcTemplate jdbc, TransactionTemplate transactions, int leads) {
    Random random = new Random(42);
    Instant now = Instant.now();
    int batch = 1000;
    for (int from = 0; from < leads; from += batch) {
      int to = Math.min(leads, from + batch);
      List<Object[]> contacts = new ArrayList<>();
      List<Object[]> addresses = new ArrayList<>();
      List<Object[]> leadRows = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String contactId = UUID.randomUUID().toString();
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String company = COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)] + " "
            + COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)] + " " + COMPANY_SUFFIXES[random.nextInt(5)];
        String email = (first + "." + last + "." + i + "@" + company.split(" ")[0] + ".example")
            .toLowerCase(Locale.ROOT);
        Timestamp created = Timestamp.from(now.minusSeconds(random.nextInt(730 * 24 * 3600)));
        Timestamp changed = Timestamp.from(created.toInstant().plusSeconds(random.nextInt(14 * 24 * 3600)));
        contacts.add(new Object[] {contactId, email, first + " " + last, "+4420794" + String.format("%05d", i % 100000),
            company, "en", random.nextBoolean(), false, false, "LEAD", created, created});
        addresses.add(new Object[] {email, contactId});
        String status = status(random.nextInt(100));
        int score = random.nextInt(101);
        String rating = score >= 70 ? "hot" : score >= 40 ? "warm" : "cold";
        boolean reviewed = !status.equals("NEW") && !status.equals("IN_REVIEW");
        leadRows.add(new Object[] {UUID.randomUUID().toString(), contactId, 10 + random.nextInt(5000),
            1000 * random.nextInt(500), SOURCES[random.nextInt(SOURCES.length)], status, score, rating,
            reviewed ? "rep%02d".formatted(random.nextInt(20)) : null, created, changed, changed, changed});
      }
      // one transaction per thousand: committing every row would leave H2's file gigabytes large
      transactions.executeWithoutResult(status -> {
        jdbc.batchUpdate("""
            insert into crm_contact (id, email, name, phone, company, locale, marketing_consent, sms_consent,
                                     email_invalid, lifecycle_stage, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", contacts);
        jdbc.batchUpdate("insert into crm_contact_address (email_normalized, contact_id) values (?, ?)", addresses);
        jdbc.batchUpdate("""
            insert into crm_lead (id, contact_id, company_size, budget, source, status, score, rating, owner,
                                  created_at, updated_at, last_activity_at, status_changed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", leadRows);
      });
      if (to % 20_000 == 0) {
        System.out.printf("  %,d leads…%n", to);
      }
    }
  }

  private static String status(int percentile) {
    int bound = 0;
    for (int i = 0; i < STATUSES.length; i++) {
      bound += STATUS_SHARE[i];
      if (percentile < bound) {
        return STATUSES[i];
      }
    }
    return STATUSES[STATUSES.length - 1];
  }

  /** Fresh statistics, as a database that grew to this size would have (PostgreSQL's autovacuum, H2's ANALYZE). */
  private static void analyze(JdbcClient jdbc, boolean postgres) {
    if (postgres) {
      jdbc.sql("analyze crm_contact").update();
      jdbc.sql("analyze crm_contact_address").update();
      jdbc.sql("analyze crm_lead").update();
    } else {
      jdbc.sql("analyze").update();
    }
  }

  /**
   * A bench-only login: the session the webapps' login endpoint would leave, made with their own code
   * ({@link AuthenticationUtil}: the user's groups and app authorizations, a new session id), since the
   * bench runs without the webapps.
   */
  private static RouterFunction<ServerResponse> benchLogin(org.springframework.context.ApplicationContext context) {
    return RouterFunctions.route().POST("/bench/login", request -> {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      UserAuthentication user = AuthenticationUtil.createAuthentication(engine, request.param("user").orElseThrow(),
          null, null);
      // as the webapps' login: groups are trusted for the cache's time to live (5 minutes by default)
      user.setCacheValidationTime(new Date(ClockUtil.getCurrentTime().getTime() + 300_000));
      AuthenticationUtil.revalidateSession(request.servletRequest(), user);
      return ServerResponse.noContent().build();
    }).build();
  }

  /** Server time of every request that carries the bench's id: from the first filter until the answer is written. */
  private static FilterRegistrationBean<Filter> serverTime(Map<String, Long> serverNanos) {
    Filter filter = (request, response, chain) -> {
      String id = ((HttpServletRequest) request).getHeader(TIMING_HEADER);
      long started = System.nanoTime();
      try {
        chain.doFilter(request, response);
        response.flushBuffer();
      } finally {
        if (id != null) {
          serverNanos.put(id, System.nanoTime() - started);
        }
      }
    };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/app/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static double percentile(List<Double> values, int percentile) {
    List<Double> sorted = values.stream().sorted().toList();
    int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    return Math.round(sorted.get(index) * 10) / 10.0;
  }

  private static void report(List<Result> results, Options options, String db) throws Exception {
    StringBuilder table = new StringBuilder("| list | query | endpoint | leads matched | server median ms"
        + " | server p95 ms | client median ms | client p95 ms |\n|---|---|---|---:|---:|---:|---:|---:|\n");
    for (Result result : results) {
      table.append("| %s | `%s` | %s | %,d | %.1f | %.1f | %.1f | %.1f |%n".formatted(result.list(), result.query(),
          result.endpoint(), result.total(), result.serverMedian(), result.serverP95(), result.clientMedian(),
          result.clientP95()));
    }
    String heading = "%s, %,d leads, %d samples per list after %d warm-up requests%n%n".formatted(db, options.leads(),
        options.samples(), options.warmup());
    System.out.printf("%n%s%s", heading, table);
    Files.createDirectories(options.out());
    Files.writeString(options.out().resolve("results.md"), heading + table);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("database", db);
    json.put("leads", options.leads());
    json.put("samples", options.samples());
    json.put("results", results);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out().resolve("results.json").toFile(), json);
  }

  private WorkspaceListRun() {
  }
}

package io.crmflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one scenario of the benchmark cost, per completed instance: the application's CPU time, and on
 * PostgreSQL the database's CPU time, its statements ({@code pg_stat_statements}) and its growth
 * ({@code pg_database_size}, the write-ahead log), each with its top contributors.
 *
 * <p>The load generator and the SMTP sink run in the benchmark's JVM, so the application's CPU is the
 * process's CPU time minus the CPU time of their threads (the HTTP clients, the arrival scheduler, the
 * completion poller, GreenMail's {@code smtp…} threads). The JVM's own threads (garbage collection, the
 * JIT compiler) count as the application's, though part of their work is the generator's: the figure errs
 * on the high side. PostgreSQL's CPU time is read from {@code /proc} for the backends of the benchmark's
 * database and the server's background processes (WAL writer, checkpointer), so other databases on the
 * same server do not count — possible only where PostgreSQL runs on this machine.
 *
 * <p>Statements are counted by {@code pg_stat_statements} (it must be in {@code shared_preload_libraries};
 * without it the statements are left out and {@link Usage#notes()} says why). The benchmark marks its own
 * queries {@code /* bench *}{@code /}, which are not counted.
 */
final class ResourceMeter {

  static final String BENCH_MARK = "/* bench */";
  private static final int TOP = 12;
  /** Name prefixes of the load generator's threads (the completion poller runs on main or awaitility's). */
  private static final Set<String> GENERATOR_THREADS = Set.of("main", "bench-", "HttpClient-", "awaitility");
  /** Statements kept in results.json: enough to see every statement of a lead. */
  private static final int STATEMENTS_KEPT = 80;

  /** Per completed instance; {@code null} where it could not be measured (see notes). */
  record Usage(double appCpuMs, Double dbCpuMs, Double statements, Double statementTimeMs, Double databaseBytes,
               Double walBytes, Map<String, Double> appCpuMsByThread, List<Map<String, Object>> topStatements,
               Map<String, Double> topTableBytes, List<String> notes) {
  }

  private final String database;
  private final String url;
  private final String user;
  private final String password;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** For H2: the application's CPU only. */
  static ResourceMeter cpuOnly() {
    return new ResourceMeter(null, null, null, null);
  }

  /** For the PostgreSQL database {@code database}, reached at {@code serverUrl} (ending in {@code /}). */
  static ResourceMeter postgres(String serverUrl, String database, String user, String password) {
    ResourceMeter meter = new ResourceMeter(serverUrl, database, user, password);
    try (Connection admin = meter.connect("postgres"); Statement sql = admin.createStatement()) {
      sql.execute("create extension if not exists pg_stat_statements");
    } catch (SQLException notPreloaded) {
      // the snapshots say so in their notes
    }
    return meter;
  }

  private ResourceMeter(String serverUrl, String database, String user, String password) {
    this.url = serverUrl;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  /** The counters at one moment. */
  final class Snapshot {
    final long processCpuNanos = os.getProcessCpuTime();
    final Map<String, Long> threadCpuNanos = threadCpu();
    final Map<String, Long> jvmCpuNanos = jvmThreadCpu();
    final Map<Long, Long> backendCpuTicks;
    final Map<String, Object[]> statements;
    final Long databaseBytes;
    final Long walPosition;
    final Map<String, Long> tableBytes;
    final List<String> notes = new ArrayList<>();

    Snapshot() throws SQLException {
      if (database == null) {
        backendCpuTicks = null;
        statements = null;
        databaseBytes = null;
        walPosition = null;
        tableBytes = null;
        return;
      }
      try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
        backendCpuTicks = backendCpu(sql);
        statements = statements(sql);
        databaseBytes = single(sql, "select pg_database_size('" + database + "')");
        walPosition = single(sql, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
      }
      try (Connection bench = connect(database); Statement sql = bench.createStatement()) {
        tableBytes = new HashMap<>();
        try (ResultSet rows = sql.executeQuery(BENCH_MARK + " select relname, pg_total_relation_size(oid) from pg_class"
            + " where relkind = 'r' and relnamespace = 'public'::regnamespace")) {
          while (rows.next()) {
            tableBytes.put(rows.getString(1).toUpperCase(), rows.getLong(2));
          }
        }
      }
    }

    private Map<Long, Long> backendCpu(Statement sql) throws SQLException {
      Map<Long, Long> ticks = new HashMap<>();
      // the benchmark database's backends and the server's own processes (WAL writer, checkpointer, …)
      try (ResultSet rows = sql.executeQuery(BENCH_MARK + " select pid from pg_stat_activity where datname = '"
          + database + "' or (datname is null and backend_type <> 'client backend')")) {
        while (rows.next()) {
          long pid = rows.getLong(1);
          Long cpu = procCpuTicks(pid);
          if (cpu != null) {
            ticks.put(pid, cpu);
          }
        }
      }
      if (ticks.isEmpty()) {
        notes.add("PostgreSQL's CPU: its processes are not readable in /proc (another machine?)");
        return null;
      }
      return ticks;
    }

    private Map<String, Object[]> statements(Statement sql) {
      Map<String, Object[]> byQuery = new HashMap<>();
      try (ResultSet rows = sql.executeQuery(BENCH_MARK + " select queryid, query, calls, total_exec_time"
          + " from pg_stat_statements where dbid = (select oid from pg_database where datname = '" + database + "')")) {
        while (rows.next()) {
          String query = rows.getString(2);
          if (!query.contains(BENCH_MARK)) {
            byQuery.put(rows.getString(1), new Object[] {query, rows.getLong(3), rows.getDouble(4)});
          }
        }
        return byQuery;
      } catch (SQLException unavailable) {
        notes.add("statements: pg_stat_statements is not available (add it to shared_preload_libraries and"
            + " create the extension in the database postgres): " + unavailable.getMessage());
        return null;
      }
    }
  }

  Snapshot snapshot() throws SQLException {
    return new Snapshot();
  }

  /** What happened between {@code before} and now, divided by {@code instances}. */
  Usage since(Snapshot before, int instances) throws SQLException {
    Snapshot after = new Snapshot();
    double per = Math.max(1, instances);
    Map<String, Double> byThread = new LinkedHashMap<>();
    long outsideApp = 0;
    Map<String, Long> threadDelta = new HashMap<>();
    for (Map.Entry<String, Long> thread : after.threadCpuNanos.entrySet()) {
      long delta = thread.getValue() - before.threadCpuNanos.getOrDefault(thread.getKey(), 0L);
      String group = thread.getKey().replaceFirst("#\\d+$", "").replaceAll("\\d+", "#");
      threadDelta.merge(group, delta, Long::sum);
      if (!"app".equals(role(group))) {
        outsideApp += delta;
      }
    }
    long processNanos = after.processCpuNanos - before.processCpuNanos;
    long appNanos = processNanos - outsideApp;
    // the JVM's own threads (garbage collection, JIT compilers, the VM thread) are not Java threads: /proc
    long javaThreads = threadDelta.values().stream().mapToLong(Long::longValue).sum();
    long jvm = 0;
    for (Map.Entry<String, Long> kind : after.jvmCpuNanos.entrySet()) {
      long delta = kind.getValue() - before.jvmCpuNanos.getOrDefault(kind.getKey(), 0L);
      threadDelta.put("JVM: " + kind.getKey(), delta);
      jvm += delta;
    }
    // threads that ended during the run (their time is in the process's, no longer in any thread's)
    threadDelta.put("ended threads", processNanos - javaThreads - jvm);
    threadDelta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
        .forEach(group -> byThread.put(group.getKey() + " (" + role(group.getKey()) + ")",
            round(group.getValue() / 1e6 / per)));

    List<String> notes = new ArrayList<>(after.notes);
    Double dbCpu = null;
    if (before.backendCpuTicks != null && after.backendCpuTicks != null) {
      long ticks = 0;
      for (Map.Entry<Long, Long> backend : after.backendCpuTicks.entrySet()) {
        ticks += backend.getValue() - before.backendCpuTicks.getOrDefault(backend.getKey(), 0L);
      }
      dbCpu = round(ticks * 10.0 / per); // /proc counts in clock ticks of 10 ms (USER_HZ 100)
    }
    Double statements = null;
    Double statementTime = null;
    List<Map<String, Object>> top = List.of();
    if (before.statements != null && after.statements != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      long calls = 0;
      double time = 0;
      for (Map.Entry<String, Object[]> query : after.statements.entrySet()) {
        Object[] then = before.statements.get(query.getKey());
        long deltaCalls = (Long) query.getValue()[1] - (then == null ? 0 : (Long) then[1]);
        double deltaTime = (Double) query.getValue()[2] - (then == null ? 0 : (Double) then[2]);
        if (deltaCalls > 0) {
          calls += deltaCalls;
          time += deltaTime;
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("perInstance", round(deltaCalls / per));
          row.put("msPerInstance", round(deltaTime / per));
          row.put("query", abbreviate((String) query.getValue()[0]));
          rows.add(row);
        }
      }
      statements = round(calls / per);
      statementTime = round(time / per);
      rows.sort(Comparator.comparing((Map<String, Object> row) -> (Double) row.get("perInstance")).reversed());
      top = rows.stream().limit(STATEMENTS_KEPT).toList();
    }
    Map<String, Double> topTables = Map.of();
    if (after.tableBytes != null) {
      topTables = after.tableBytes.entrySet().stream()
          .map(table -> Map.entry(table.getKey(), table.getValue() - before.tableBytes.getOrDefault(table.getKey(), 0L)))
          .filter(table -> table.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
          .collect(Collectors.toMap(Map.Entry::getKey, table -> round(table.getValue() / per), (a, b) -> a,
              LinkedHashMap::new));
    }
    return new Usage(round(appNanos / 1e6 / per), dbCpu, statements, statementTime,
        after.databaseBytes == null ? null : round((after.databaseBytes - before.databaseBytes) / per),
        after.walPosition == null ? null : round((after.walPosition - before.walPosition) / per),
        byThread, top, topTables, notes);
  }

  /** Whose CPU a thread's is: the load generator's, the SMTP sink's or the application's. */
  static String role(String threadGroup) {
    if (threadGroup.startsWith("JVM: ") || threadGroup.equals("ended threads")) {
      return "app";
    }
    if (threadGroup.startsWith("smtp")) {
      return "smtp sink";
    }
    return GENERATOR_THREADS.stream().anyMatch(threadGroup::startsWith) ? "load generator" : "app";
  }

  /** CPU time per live thread, keyed by name and id (names repeat: pools). */
  private Map<String, Long> threadCpu() {
    Map<String, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos > 0) {
          cpu.put(info.getThreadName() + "#" + info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  /**
   * CPU time of the JVM's own threads by kind (garbage collection, JIT compilation, the rest), read from
   * /proc/self/task, where they appear by their native names; empty where there is no /proc.
   */
  private static Map<String, Long> jvmThreadCpu() {
    Map<String, Long> byKind = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name = Files.readString(task.resolve("comm")).strip();
        String kind = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC"
            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
            : name.startsWith("VM ") ? "VM" : null;
        Long ticks = kind == null ? null : procCpuTicks(task.resolve("stat"));
        if (ticks != null) {
          byKind.merge(kind, ticks * 10_000_000L, Long::sum);
        }
      }
    } catch (Exception noProc) {
      // not Linux: the JVM's threads stay in "ended threads"
    }
    return byKind;
  }

  /** utime + stime of a process, in clock ticks; {@code null} when /proc does not show it. */
  static Long procCpuTicks(long pid) {
    return procCpuTicks(Path.of("/proc", String.valueOf(pid), "stat"));
  }

  private static Long procCpuTicks(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      // fields after the command name in parentheses (which may contain spaces): state is field 3
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (Exception notVisible) {
      return null;
    }
  }

  private static Long single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(BENCH_MARK + " " + query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(url + name, user, password);
  }

  private static String abbreviate(String query) {
    String oneLine = query.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 160 ? oneLine.substring(0, 157) + "…" : oneLine;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

package io.crmflow.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Aggregate queries over Camunda's history and runtime tables and the hourly rollups made from
 * history ({@link HourlyRollup}): the database counts, sums and buckets, no instance is loaded into
 * memory. A {@link SplitWindow} reads its rolled-up hours from the rollups and the rest from history,
 * by START_TIME_ or END_TIME_ ranges that the db/engine migrations (EngineSchemaMigrations) index. Exact percentiles
 * (percentile_cont, on PostgreSQL and H2 alike) always read history. Instants are bound as
 * java.sql.Timestamp, the way the engine writes them; rolled-up hours as the wall-clock times they are.
 */
@Repository
class WorkflowMetricsRepository {

  /** The end of "since": far enough for any clock, near enough for every database's timestamps. */
  private static final Instant OPEN_END = Instant.parse("9999-01-01T00:00:00Z");

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private volatile Boolean postgres;

  WorkflowMetricsRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  record Definition(String id, String key, String name, int version, String versionTag) {
  }

  /** Activity instances of one activity: its id and type. */
  record Activity(String id, String type) {
  }

  /**
   * What rows are grouped by: the select list for a table whose time column is given (history rows
   * by START_TIME_ or END_TIME_, rollups by hour_start), the names it selects, and the group's key.
   * Rollup columns carry the names of the history columns they come from.
   */
  record Grouping<K>(Function<String, String> columnsAt, String names, KeyReader<K> key) {

    static final Grouping<String> PER_PROCESS = by("PROC_DEF_KEY_");
    static final Grouping<String> PER_DEFINITION = by("PROC_DEF_ID_");
    static final Grouping<String> PER_END_ACTIVITY = by("END_ACT_ID_");
    static final Grouping<Activity> PER_ACTIVITY = new Grouping<>(time -> "ACT_ID_, ACT_TYPE_", "ACT_ID_, ACT_TYPE_",
        rs -> new Activity(rs.getString("ACT_ID_"), rs.getString("ACT_TYPE_")));

    private static Grouping<String> by(String column) {
      return new Grouping<>(time -> column, column, rs -> rs.getString(column));
    }
  }

  interface KeyReader<K> {

    K read(ResultSet rs) throws SQLException;
  }

  List<Definition> definitions(String processKey) {
    return jdbc.sql("""
            select ID_, KEY_, NAME_, VERSION_, VERSION_TAG_ from ACT_RE_PROCDEF
            where KEY_ = coalesce(:key, KEY_) order by KEY_, VERSION_""")
        .param("key", processKey, Types.VARCHAR)
        .query((rs, row) -> new Definition(rs.getString("ID_"), rs.getString("KEY_"), rs.getString("NAME_"),
            rs.getInt("VERSION_"), rs.getString("VERSION_TAG_")))
        .list();
  }

  /**
   * The window's whole hours to read from the rollups: the longest run of consecutive rolled-up
   * hours inside it (normally all but the most recent ones).
   */
  SplitWindow split(TimeWindow window) {
    LocalDateTime firstHour = HourlyRollup.hourOf(window.from().minusNanos(1)).plusHours(1);
    List<LocalDateTime> hours = jdbc.sql("""
            select hour_start from crm_rollup_hour where hour_start >= :from and hour_start < :to
            order by hour_start""")
        .param("from", firstHour).param("to", HourlyRollup.hourOf(window.to()))
        .query((rs, row) -> rs.getObject(1, LocalDateTime.class)).list();
    SplitWindow longest = SplitWindow.historyOnly(window);
    int runStart = 0;
    for (int i = 0; i < hours.size(); i++) {
      if (i + 1 == hours.size() || !hours.get(i).plusHours(1).equals(hours.get(i + 1))) {
        LocalDateTime runFrom = hours.get(runStart);
        LocalDateTime runTo = hours.get(i).plusHours(1);
        if (Duration.between(runFrom, runTo).compareTo(
            Duration.between(longest.rolledUpFrom(), longest.rolledUpTo())) > 0) {
          longest = new SplitWindow(window, runFrom, runTo);
        }
        runStart = i + 1;
      }
    }
    return longest;
  }

  /** Instances started in the window (by START_TIME_), per group. */
  <K> Map<K, Long> started(SplitWindow window, String processKey, Grouping<K> group) {
    return instances("START_TIME_", "started", window, processKey, group);
  }

  /** Instances that ended in the window (by END_TIME_), completed or not, per group. */
  <K> Map<K, Long> ended(SplitWindow window, String processKey, Grouping<K> group) {
    return instances("END_TIME_", "ended", window, processKey, group);
  }

  private <K> Map<K, Long> instances(String time, String rollupColumn, SplitWindow window, String processKey,
      Grouping<K> group) {
    String filter = keyFilter(processKey);
    Map<K, Long> result = new HashMap<>();
    bind(jdbc.sql("""
            select %1$s, sum(n) as n from (
              select %1$s, count(*) as n from (%2$s) history group by %1$s
              union all
              %3$s
            ) t group by %1$s""".formatted(group.names(),
            historyRows(group.columnsAt().apply(time), "ACT_HI_PROCINST", time, filter),
            rollupRows(group.columnsAt().apply("hour_start") + ", " + rollupColumn, "crm_rollup_instance", filter))),
        window, processKey)
        .query((ResultSet rs) -> {
          result.put(group.key().read(rs), rs.getLong("n"));
        });
    return result;
  }

  /**
   * Instances running at {@code at}, per group (by definition or by process): those running now, plus
   * those that ended since, minus those that started since. Every term reads only [at, now) — rolled-up
   * hours from the rollups — so the count costs the same however much history lies before {@code at},
   * and it holds after the history cleanup removed instances that ended before {@code at}.
   */
  <K> Map<K, Long> inFlightAt(Instant at, String processKey, Grouping<K> group) {
    SplitWindow since = split(new TimeWindow(at, OPEN_END));
    Map<K, Long> result = new HashMap<>();
    jdbc.sql("select %1$s, count(*) as n from ACT_HI_PROCINST where END_TIME_ is null%2$s group by %3$s"
            .formatted(group.columnsAt().apply("START_TIME_"), keyFilter(processKey), group.names()))
        .params(processKey == null ? Map.of() : Map.of("key", processKey))
        .query((ResultSet rs) -> {
          result.put(group.key().read(rs), rs.getLong("n"));
        });
    ended(since, processKey, group).forEach((key, n) -> result.merge(key, n, Long::sum));
    started(since, processKey, group).forEach((key, n) -> result.merge(key, -n, Long::sum));
    return result;
  }

  /** Completed instances: how many, and the sums of their work and end-to-end times (ms). */
  record FlowSums(long count, long workMillis, long endToEndMillis) {

    static final FlowSums NONE = new FlowSums(0, 0, 0);

    FlowSums plus(FlowSums other) {
      return new FlowSums(count + other.count, workMillis + other.workMillis, endToEndMillis + other.endToEndMillis);
    }
  }

  /**
   * Work and end-to-end time ({@link WorkTime}) of the instances completed in the window, per group:
   * crm_rollup_flow for the rolled-up hours, history for the rest.
   */
  <K> Map<K, FlowSums> flow(SplitWindow window, String processKey, Grouping<K> group) {
    return flowSums(window, processKey, group, historyRows(group.columnsAt().apply("END_TIME_")
        + ", WORK_, DURATION_", WorkTime.COMPLETED_INSTANCES, "END_TIME_", keyFilter(processKey)));
  }

  /** As {@link #flow}, from the rolled-up hours alone. */
  <K> Map<K, FlowSums> rolledUpFlow(SplitWindow window, String processKey, Grouping<K> group) {
    return flowSums(window, processKey, group, null);
  }

  /**
   * The instances completed in the parts of the window read from history, with their end-to-end sums
   * (work 0: not computed) — cheap, from the instances alone.
   */
  <K> Map<K, FlowSums> completedInHistory(SplitWindow window, String processKey, Grouping<K> group) {
    Map<K, FlowSums> result = new HashMap<>();
    bind(jdbc.sql("select %1$s, count(*) as n, sum(DURATION_) as end_to_end from (%2$s) history group by %1$s"
            .formatted(group.names(), historyRows(group.columnsAt().apply("END_TIME_") + ", DURATION_",
                "ACT_HI_PROCINST", "END_TIME_", " and STATE_ = 'COMPLETED'" + keyFilter(processKey)))),
        window, processKey)
        .query((ResultSet rs) -> {
          result.put(group.key().read(rs), new FlowSums(rs.getLong("n"), 0, rs.getLong("end_to_end")));
        });
    return result;
  }

  /** Flow sums of the rolled-up hours and, unless {@code history} is null, of those history rows. */
  private <K> Map<K, FlowSums> flowSums(SplitWindow window, String processKey, Grouping<K> group, String history) {
    Map<K, FlowSums> result = new HashMap<>();
    String fromHistory = history == null ? "" : """
        select %1$s, count(*) as n, sum(WORK_) as work, sum(DURATION_) as end_to_end from (%2$s) history
        group by %1$s
        union all
        """.formatted(group.names(), history);
    bind(jdbc.sql("""
            select %1$s, sum(n) as n, sum(work) as work, sum(end_to_end) as end_to_end from (
              %2$s%3$s
            ) t group by %1$s""".formatted(group.names(), fromHistory,
            rollupRows(group.columnsAt().apply("hour_start")
                    + ", flow_count as n, work_sum as work, end_to_end_sum as end_to_end",
                "crm_rollup_flow", keyFilter(processKey)))),
        window, processKey)
        .query((ResultSet rs) -> {
          result.put(group.key().read(rs), new FlowSums(rs.getLong("n"), rs.getLong("work"), rs.getLong("end_to_end")));
        });
    return result;
  }

  /**
   * Durations that ended in the window, per group, as histograms: the rollups' for the rolled-up
   * hours, history bucketed alike for the rest.
   */
  <K> Map<K, DurationHistogram> durations(Durations durations, SplitWindow window, String processKey,
      Grouping<K> group) {
    String filter = keyFilter(processKey);
    Map<K, DurationHistogram> result = new HashMap<>();
    bind(jdbc.sql("""
            select %1$s, duration_bucket, sum(duration_count) as duration_count, sum(duration_sum) as duration_sum,
                   max(duration_max) as duration_max
            from (
              select %1$s, duration_bucket, count(*) as duration_count, sum(DURATION_) as duration_sum,
                     max(DURATION_) as duration_max
              from (%2$s) history group by %1$s, duration_bucket
              union all
              %3$s
            ) t group by %1$s, duration_bucket""".formatted(group.names(),
            historyRows(group.columnsAt().apply("END_TIME_") + ", " + DurationHistogram.bucketOf("DURATION_")
                + " as duration_bucket, DURATION_", durations.history(), "END_TIME_", durations.condition() + filter),
            rollupRows(group.columnsAt().apply("hour_start")
                + ", duration_bucket, duration_count, duration_sum, duration_max", durations.rollup(), filter))),
        window, processKey)
        .query((ResultSet rs) -> {
          result.computeIfAbsent(group.key().read(rs), key -> new DurationHistogram())
              .add(rs.getObject("duration_bucket", Integer.class), rs.getLong("duration_count"),
                  rs.getLong("duration_sum"), rs.getLong("duration_max"));
        });
    return result;
  }

  /**
   * Exact percentiles (percentile_cont) of the durations that ended in the window, per group, in the
   * order asked; from history alone, so they sort every duration of the window.
   */
  <K> Map<K, List<Double>> exactPercentiles(Durations durations, TimeWindow window, String processKey,
      Grouping<K> group, List<Double> percentiles) {
    String columns = IntStream.range(0, percentiles.size())
        .mapToObj(i -> "percentile_cont(" + percentiles.get(i) + ") within group (order by DURATION_) as p" + i)
        .collect(Collectors.joining(", "));
    Map<K, List<Double>> result = new HashMap<>();
    bind(jdbc.sql("""
            select %s, %s from (
              select %s, DURATION_ from %s where END_TIME_ >= :from and END_TIME_ < :to%s
            ) t group by %s""".formatted(group.names(), columns, group.columnsAt().apply("END_TIME_"),
            durations.history(), durations.condition() + keyFilter(processKey), group.names())),
        SplitWindow.historyOnly(window), processKey)
        .query((ResultSet rs) -> {
          List<Double> values = new ArrayList<>();
          for (int i = 0; i < percentiles.size(); i++) {
            values.add(rounded(rs.getObject("p" + i, Double.class)));
          }
          result.put(group.key().read(rs), values);
        });
    return result;
  }

  /** Instances running now (whatever the window), per process definition id. */
  Map<String, Long> inFlightPerDefinition() {
    return counts("select PROC_DEF_ID_ as grp, count(*) as n from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_"
        + " group by PROC_DEF_ID_");
  }

  /** Incidents open now, per process definition id. */
  Map<String, Long> openIncidentsPerDefinition() {
    return counts("select PROC_DEF_ID_ as grp, count(*) as n from ACT_RU_INCIDENT group by PROC_DEF_ID_");
  }

  /**
   * Gives the current transaction's sorts room: exact percentiles sort every duration of the window,
   * and PostgreSQL's default 4 MB work_mem spills a day of activity instances to disk. Also turns JIT
   * compilation off: the work time's per-instance subquery makes PostgreSQL estimate costs high enough
   * to compile, which took longer (about 0.4 s) than the queries themselves.
   */
  void allowLargeSorts() {
    if (isPostgres()) {
      jdbc.sql("set local work_mem = '64MB'").update();
      jdbc.sql("set local jit = off").update();
    }
  }

  /**
   * Groups by bucket number (0, 1, …: whole buckets after the window's start) of the time column.
   * Rollup hours fall into one bucket each when the window starts on an hour and buckets are whole hours.
   */
  Grouping<Long> perBucket(Duration bucket) {
    return new Grouping<>(time -> bucketOf(time, bucket) + " as grp", "grp", rs -> rs.getLong("grp"));
  }

  /**
   * Whole buckets between the window's start and the column: dialects differ in timestamp arithmetic
   * (date_part, not extract: double precision is much quicker than numeric over a million rows).
   */
  private String bucketOf(String column, Duration bucket) {
    return "cast(" + (isPostgres()
        ? "floor(date_part('epoch', " + column + " - cast(:from as timestamp)) * 1000 / " + bucket.toMillis() + ")"
        : "floor(datediff('MILLISECOND', cast(:from as timestamp), " + column + ") / " + bucket.toMillis() + ")")
        + " as bigint)";
  }

  private boolean isPostgres() {
    if (postgres == null) {
      try (Connection connection = dataSource.getConnection()) {
        postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot tell the database product", e);
      }
    }
    return postgres;
  }

  /** History rows in the parts of the window not rolled up: before and after the rolled-up hours. */
  private static String historyRows(String columns, String table, String time, String filter) {
    String select = "select " + columns + " from " + table + " where ";
    return select + time + " >= :from and " + time + " < :rolledUpFrom" + filter
        + " union all " + select + time + " >= :rolledUpTo and " + time + " < :to" + filter;
  }

  private static String rollupRows(String columns, String table, String filter) {
    return "select " + columns + " from " + table + " where hour_start >= :rolledUpFrom and hour_start < :rolledUpTo"
        + filter;
  }

  private Map<String, Long> counts(String sql) {
    Map<String, Long> result = new HashMap<>();
    jdbc.sql(sql).query((ResultSet rs) -> {
      result.put(rs.getString("grp"), rs.getLong("n"));
    });
    return result;
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, SplitWindow window,
      String processKey) {
    return statement
        .param("from", Timestamp.from(window.window().from()))
        .param("rolledUpFrom", window.rolledUpFrom())
        .param("rolledUpTo", window.rolledUpTo())
        .param("to", Timestamp.from(window.window().to()))
        .params(processKey == null ? Map.of() : Map.of("key", processKey));
  }

  private static String keyFilter(String processKey) {
    return processKey == null ? "" : " and PROC_DEF_KEY_ = :key";
  }

  private static Double rounded(Double value) {
    return value == null ? null : Math.round(value * 10) / 10.0;
  }
}

package io.crmflow.metrics;

import io.crmflow.metrics.WorkflowMetrics.ActivityTime;
import io.crmflow.metrics.WorkflowMetrics.Latency;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Aggregate queries over Camunda's history and runtime tables: the database counts and computes
 * percentiles (percentile_cont, on PostgreSQL and H2 alike), no instance is loaded into memory.
 * Windows select rows by START_TIME_ or END_TIME_ ranges, which {@link HistoryIndexes} keeps indexed.
 * Timestamps are bound as java.sql.Timestamp, the way the engine writes them.
 */
@Repository
class WorkflowMetricsRepository {

  /** Only instances that reached an end event count as completed; canceled ones end otherwise. */
  private static final String COMPLETED = "STATE_ = 'COMPLETED'";
  private static final String LATENCY_COLUMNS = """
      count(*) as ended,
      sum(case when STATE_ = 'COMPLETED' then 1 else 0 end) as completed,
      percentile_cont(0.5) within group (order by case when STATE_ = 'COMPLETED' then DURATION_ end) as p50,
      percentile_cont(0.95) within group (order by case when STATE_ = 'COMPLETED' then DURATION_ end) as p95,
      percentile_cont(0.99) within group (order by case when STATE_ = 'COMPLETED' then DURATION_ end) as p99,
      avg(case when STATE_ = 'COMPLETED' then DURATION_ end) as avg_ms,
      max(case when STATE_ = 'COMPLETED' then DURATION_ end) as max_ms""";

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private volatile Boolean postgres;

  WorkflowMetricsRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  record Definition(String id, String key, String name, int version, String versionTag) {
  }

  /** Instances that ended in the window: how many completed, how many were terminated, latency of the completed. */
  record Ended(long completed, long terminated, Latency latency) {

    static final Ended NONE = new Ended(0, 0, Latency.NONE);
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

  /** Instances started in the window, per process definition id. */
  Map<String, Long> startedPerDefinition(TimeWindow window, String processKey) {
    return counts(jdbc.sql("""
            select PROC_DEF_ID_ as grp, count(*) as n from ACT_HI_PROCINST
            where START_TIME_ >= :from and START_TIME_ < :to""" + keyFilter(processKey) + " " + """
             group by PROC_DEF_ID_"""), window, processKey);
  }

  /** Instances that ended in the window, per process definition id (grouping "PROC_DEF_ID_") or key ("PROC_DEF_KEY_"). */
  Map<String, Ended> ended(TimeWindow window, String processKey, boolean perVersion) {
    String group = perVersion ? "PROC_DEF_ID_" : "PROC_DEF_KEY_";
    Map<String, Ended> result = new HashMap<>();
    bind(jdbc.sql("select " + group + " as grp, " + LATENCY_COLUMNS + " " + """
             from ACT_HI_PROCINST
            where END_TIME_ >= :from and END_TIME_ < :to""" + keyFilter(processKey) + " group by " + group),
        window, processKey)
        .query((ResultSet rs) -> {
          long completed = rs.getLong("completed");
          result.put(rs.getString("grp"), new Ended(completed, rs.getLong("ended") - completed, latency(rs)));
        });
    return result;
  }

  /** Instances running now (whatever the window), per process definition id. */
  Map<String, Long> inFlightPerDefinition() {
    return counts(jdbc.sql("""
        select PROC_DEF_ID_ as grp, count(*) as n from ACT_RU_EXECUTION
        where ID_ = PROC_INST_ID_ group by PROC_DEF_ID_"""), null, null);
  }

  /** Incidents open now, per process definition id. */
  Map<String, Long> openIncidentsPerDefinition() {
    return counts(jdbc.sql("select PROC_DEF_ID_ as grp, count(*) as n from ACT_RU_INCIDENT group by PROC_DEF_ID_"),
        null, null);
  }

  /** Completed instances of a process that ended in the window, per end activity. */
  Map<String, Long> completedPerEndActivity(TimeWindow window, String processKey) {
    return counts(jdbc.sql("""
        select END_ACT_ID_ as grp, count(*) as n from ACT_HI_PROCINST
        where END_TIME_ >= :from and END_TIME_ < :to and PROC_DEF_KEY_ = :key and\s""" + COMPLETED + " " + """
         group by END_ACT_ID_"""), window, processKey);
  }

  /**
   * Time spent per activity of a process: activity instances that ended in the window. Names come
   * from the models (see the service), so PostgreSQL can answer from the covering index alone.
   */
  List<ActivityTime> activityTimes(TimeWindow window, String processKey) {
    return bind(jdbc.sql("""
            select ACT_ID_, ACT_TYPE_, count(*) as n, avg(DURATION_) as avg_ms,
                   percentile_cont(0.95) within group (order by DURATION_) as p95, max(DURATION_) as max_ms
            from ACT_HI_ACTINST
            where PROC_DEF_KEY_ = :key and END_TIME_ >= :from and END_TIME_ < :to
            group by ACT_ID_, ACT_TYPE_"""), window, processKey)
        .query((rs, row) -> new ActivityTime(rs.getString("ACT_ID_"), null, rs.getString("ACT_TYPE_"),
            rs.getLong("n"), number(rs, "avg_ms") == null ? 0 : number(rs, "avg_ms"), number(rs, "p95"),
            rs.getLong("max_ms")))
        .list();
  }

  /**
   * Gives the current transaction's sorts room: percentiles sort every duration of the window, and
   * PostgreSQL's default 4 MB work_mem spills a day of activity instances to disk.
   */
  void allowLargeSorts() {
    if (isPostgres()) {
      jdbc.sql("set local work_mem = '64MB'").update();
    }
  }

  /** Bucket number (0, 1, …: whole buckets after the window's start) → started count. */
  Map<Long, Long> startedPerBucket(TimeWindow window, String processKey, Duration bucket) {
    Map<Long, Long> result = new HashMap<>();
    bind(jdbc.sql("select b, count(*) as n from (select " + bucketOf("START_TIME_") + " " + """
             as b from ACT_HI_PROCINST
            where START_TIME_ >= :from and START_TIME_ < :to and PROC_DEF_KEY_ = :key) t group by b"""),
        window, processKey)
        .param("bucketMs", bucket.toMillis())
        .query((ResultSet rs) -> {
          result.put(rs.getLong("b"), rs.getLong("n"));
        });
    return result;
  }

  /** Bucket number → completed count and p95 latency of the instances completed in it. */
  Map<Long, Ended> completedPerBucket(TimeWindow window, String processKey, Duration bucket) {
    Map<Long, Ended> result = new HashMap<>();
    bind(jdbc.sql("select b as grp, " + LATENCY_COLUMNS + " from (select " + bucketOf("END_TIME_") + " " + """
             as b, STATE_, DURATION_ from ACT_HI_PROCINST
            where END_TIME_ >= :from and END_TIME_ < :to and PROC_DEF_KEY_ = :key) t group by b"""),
        window, processKey)
        .param("bucketMs", bucket.toMillis())
        .query((ResultSet rs) -> {
          long completed = rs.getLong("completed");
          result.put(rs.getLong("grp"), new Ended(completed, rs.getLong("ended") - completed, latency(rs)));
        });
    return result;
  }

  /** Whole buckets between the window's start and the column: dialects differ in timestamp arithmetic. */
  private String bucketOf(String column) {
    return isPostgres()
        ? "floor(extract(epoch from (" + column + " - cast(:from as timestamp))) * 1000 / :bucketMs)"
        : "floor(datediff('MILLISECOND', cast(:from as timestamp), " + column + ") / :bucketMs)";
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

  private static Map<String, Long> counts(JdbcClient.StatementSpec statement, TimeWindow window, String processKey) {
    Map<String, Long> result = new HashMap<>();
    (window == null ? statement : bind(statement, window, processKey))
        .query((ResultSet rs) -> {
          result.put(rs.getString("grp"), rs.getLong("n"));
        });
    return result;
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, TimeWindow window,
      String processKey) {
    return statement
        .param("from", Timestamp.from(window.from()))
        .param("to", Timestamp.from(window.to()))
        .params(processKey == null ? Map.of() : Map.of("key", processKey));
  }

  private static String keyFilter(String processKey) {
    return processKey == null ? "" : " and PROC_DEF_KEY_ = :key";
  }

  private static Latency latency(ResultSet rs) throws SQLException {
    if (rs.getLong("completed") == 0) {
      return Latency.NONE;
    }
    return new Latency(number(rs, "p50"), number(rs, "p95"), number(rs, "p99"), number(rs, "avg_ms"),
        rs.getLong("max_ms"));
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
  }
}

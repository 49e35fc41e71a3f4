package io.crmflow.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolls up Camunda's history per closed hour into the crm_rollup_* tables (V9, V22), so the metrics of a
 * long window read a few thousand rollup rows instead of millions of history rows. An hour is rolled
 * up once it ended {@code grace} ago; history committed later with an END_TIME_ inside it is missing
 * from the rollups. Each batch of hours is one transaction that first inserts one crm_rollup_hour row
 * per hour: the primary key is the claim, so when several cluster nodes run at once the slower one
 * fails on it, rolls back and leaves the rest to the node that got there first. Public for the
 * history volume benchmark.
 */
@Component
public class HourlyRollup {

  private static final Logger log = LoggerFactory.getLogger(HourlyRollup.class);
  /** Public for the history volume benchmark, which starts over each run. */
  public static final List<String> TABLES = List.of("crm_rollup_hour", "crm_rollup_instance", "crm_rollup_completed",
      "crm_rollup_activity", "crm_rollup_flow");

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final MetricsProperties.Rollup properties;

  HourlyRollup(JdbcClient jdbc, PlatformTransactionManager transactions, MetricsProperties properties) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties.rollup();
  }

  @Scheduled(fixedDelayString = "${crmflow.metrics.rollup.interval:PT5M}",
      initialDelayString = "${crmflow.metrics.rollup.interval:PT5M}")
  void rollUpOnSchedule() {
    if (!properties.enabled()) {
      return;
    }
    try {
      rollUpClosedHours(Instant.now());
    } catch (DataAccessException e) {
      // the database is away, or a batch failed: nothing of it was stored, the next run tries again
      log.warn("Metrics rollup stopped, the next run goes on: {}", e.getMostSpecificCause().getMessage());
    }
  }

  /**
   * Rolls up every hour that ended at least {@code grace} before {@code now} and is not rolled up
   * yet (back to the oldest history, within the retention), oldest first; deletes rollups past the
   * retention.
   *
   * @return the number of hours rolled up by this call
   */
  public int rollUpClosedHours(Instant now) {
    LocalDateTime keepFrom = hourOf(now.minus(properties.retention()));
    for (String table : TABLES) {
      jdbc.sql("delete from " + table + " where hour_start < ?").param(keepFrom).update();
    }
    // claim times serve the flow efficiency of hours still to be rolled up; older ones only of history long gone
    jdbc.sql("delete from crm_task_claim where claimed_at < ?").param(keepFrom).update();
    Optional<LocalDateTime> oldestHistory = jdbc.sql("select min(START_TIME_) from ACT_HI_PROCINST")
        .query(LocalDateTime.class).optional();
    if (oldestHistory.isEmpty()) {
      return 0;
    }
    LocalDateTime from = max(keepFrom, oldestHistory.get().truncatedTo(ChronoUnit.HOURS));
    LocalDateTime to = hourOf(now.minus(properties.grace()));
    long started = System.nanoTime();
    int rolledUp = 0;
    for (List<LocalDateTime> batch : batches(hoursNotRolledUp(from, to))) {
      if (!rollUp(batch, now)) {
        log.info("Metrics rollup: another node is rolling up {}, leaving the rest to it", batch.get(0));
        break;
      }
      rolledUp += batch.size();
    }
    if (rolledUp > 0) {
      log.info("Metrics rollup: {} hours rolled up in {} ms", rolledUp, (System.nanoTime() - started) / 1_000_000);
    }
    return rolledUp;
  }

  private List<LocalDateTime> hoursNotRolledUp(LocalDateTime from, LocalDateTime to) {
    Set<LocalDateTime> done = new HashSet<>(jdbc.sql("""
            select hour_start from crm_rollup_hour where hour_start >= :from and hour_start < :to""")
        .param("from", from).param("to", to)
        .query((rs, row) -> rs.getObject(1, LocalDateTime.class)).list());
    List<LocalDateTime> hours = new ArrayList<>();
    for (LocalDateTime hour = from; hour.isBefore(to); hour = hour.plusHours(1)) {
      if (!done.contains(hour)) {
        hours.add(hour);
      }
    }
    return hours;
  }

  /** Runs of consecutive hours, at most batchHours long: each batch is one range [first, last + 1 h). */
  private List<List<LocalDateTime>> batches(List<LocalDateTime> hours) {
    List<List<LocalDateTime>> batches = new ArrayList<>();
    List<LocalDateTime> batch = new ArrayList<>();
    for (LocalDateTime hour : hours) {
      if (!batch.isEmpty() && (batch.size() == properties.batchHours()
          || !batch.get(batch.size() - 1).plusHours(1).equals(hour))) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
      batch.add(hour);
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /** Claims the hours and stores their aggregates in one transaction; false if another node claimed one first. */
  private boolean rollUp(List<LocalDateTime> hours, Instant now) {
    LocalDateTime from = hours.get(0);
    LocalDateTime to = hours.get(hours.size() - 1).plusHours(1);
    try {
      transaction.executeWithoutResult(status -> {
        for (LocalDateTime hour : hours) {
          jdbc.sql("insert into crm_rollup_hour (hour_start, hour_end, rolled_up_at) values (?, ?, ?)")
              .params(hour, hour.plusHours(1), Timestamp.from(now))
              .update();
        }
        jdbc.sql("""
                insert into crm_rollup_instance (hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, started, ended)
                select hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, sum(started), sum(ended) from (
                  select h.hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, 1 as started, 0 as ended from %s
                  union all
                  select h.hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, 0, 1 from %s
                ) t group by hour_start, PROC_DEF_ID_, PROC_DEF_KEY_"""
                .formatted(inClaimedHours("ACT_HI_PROCINST", "START_TIME_"),
                    inClaimedHours("ACT_HI_PROCINST", "END_TIME_")))
            .param("from", from).param("to", to).update();
        rollUpDurations(Durations.COMPLETED_INSTANCES, from, to);
        rollUpDurations(Durations.ACTIVITIES, from, to);
        jdbc.sql("""
                insert into crm_rollup_flow (hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, flow_count, work_sum,
                  end_to_end_sum)
                select h.hour_start, PROC_DEF_ID_, PROC_DEF_KEY_, count(*), sum(WORK_), sum(DURATION_)
                from %s
                group by h.hour_start, PROC_DEF_ID_, PROC_DEF_KEY_"""
                .formatted(inClaimedHours(WorkTime.COMPLETED_INSTANCES, "END_TIME_")))
            .param("from", from).param("to", to).update();
      });
      return true;
    } catch (DuplicateKeyException | ConcurrencyFailureException claimedElsewhere) {
      return false;
    }
  }

  /** Count, sum and maximum per hour, what the rollup is per, and duration bucket. */
  private void rollUpDurations(Durations durations, LocalDateTime from, LocalDateTime to) {
    String bucket = DurationHistogram.bucketOf("DURATION_");
    jdbc.sql("""
            insert into %1$s (hour_start, %2$s, duration_bucket, duration_count, duration_sum, duration_max)
            select h.hour_start, %2$s, %3$s, count(*), sum(DURATION_), max(DURATION_)
            from %4$s%5$s
            group by h.hour_start, %2$s, %3$s""".formatted(durations.rollup(), durations.rolledUpBy(), bucket,
            inClaimedHours(durations.history(), "END_TIME_"), durations.condition()))
        .param("from", from).param("to", to).update();
  }

  /** History rows joined to the hour they fall in, for the hours of this batch (just claimed). */
  private static String inClaimedHours(String table, String time) {
    return "crm_rollup_hour h join " + table + " on " + time + " >= h.hour_start and " + time + " < h.hour_end"
        + " where h.hour_start >= :from and h.hour_start < :to";
  }

  /**
   * The hour an instant falls in, as the engine stamps it: wall-clock time of this JVM's zone
   * (timestamp columns without time zone). Hours are wall-clock hours, so that the hour repeated
   * when daylight saving time ends is one rolled-up hour, not two with the same start.
   */
  static LocalDateTime hourOf(Instant instant) {
    return wallClock(instant).truncatedTo(ChronoUnit.HOURS);
  }

  static LocalDateTime wallClock(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }
}

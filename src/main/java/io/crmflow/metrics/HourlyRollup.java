package io.crmflow.metrics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * Rolls up Camunda's history per closed hour into the crm_rollup_* tables (V9), so the metrics of a
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
  private static final Duration HOUR = Duration.ofHours(1);
  /** Public for the history volume benchmark, which starts over each run. */
  public static final List<String> TABLES = List.of("crm_rollup_hour", "crm_rollup_instance", "crm_rollup_completed",
      "crm_rollup_activity");

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
    Instant keepFrom = startOfHour(now.minus(properties.retention()));
    for (String table : TABLES) {
      jdbc.sql("delete from " + table + " where hour_start < ?").param(timestamp(keepFrom)).update();
    }
    Optional<Timestamp> oldestHistory = jdbc.sql("select min(START_TIME_) from ACT_HI_PROCINST")
        .query(Timestamp.class).optional();
    if (oldestHistory.isEmpty()) {
      return 0;
    }
    Instant from = max(keepFrom, startOfHour(oldestHistory.get().toInstant()));
    Instant to = startOfHour(now.minus(properties.grace()));
    long started = System.nanoTime();
    int rolledUp = 0;
    for (List<Instant> batch : batches(hoursNotRolledUp(from, to))) {
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

  private List<Instant> hoursNotRolledUp(Instant from, Instant to) {
    Set<Instant> done = new HashSet<>(jdbc.sql("""
            select hour_start from crm_rollup_hour where hour_start >= :from and hour_start < :to""")
        .param("from", timestamp(from)).param("to", timestamp(to))
        .query((rs, row) -> rs.getTimestamp(1).toInstant()).list());
    List<Instant> hours = new ArrayList<>();
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
      if (!done.contains(hour)) {
        hours.add(hour);
      }
    }
    return hours;
  }

  /** Runs of consecutive hours, at most batchHours long: each batch is one range [first, last + 1 h). */
  private List<List<Instant>> batches(List<Instant> hours) {
    List<List<Instant>> batches = new ArrayList<>();
    List<Instant> batch = new ArrayList<>();
    for (Instant hour : hours) {
      if (!batch.isEmpty() && (batch.size() == properties.batchHours()
          || !batch.get(batch.size() - 1).plus(HOUR).equals(hour))) {
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
  private boolean rollUp(List<Instant> hours, Instant now) {
    Timestamp from = timestamp(hours.get(0));
    Timestamp to = timestamp(hours.get(hours.size() - 1).plus(HOUR));
    try {
      transaction.executeWithoutResult(status -> {
        for (Instant hour : hours) {
          jdbc.sql("insert into crm_rollup_hour (hour_start, hour_end, rolled_up_at) values (?, ?, ?)")
              .params(timestamp(hour), timestamp(hour.plus(HOUR)), timestamp(now))
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
      });
      return true;
    } catch (DuplicateKeyException | ConcurrencyFailureException claimedElsewhere) {
      return false;
    }
  }

  /** Count, sum and maximum per hour, what the rollup is per, and duration bucket. */
  private void rollUpDurations(Durations durations, Timestamp from, Timestamp to) {
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

  static Instant startOfHour(Instant instant) {
    return instant.truncatedTo(ChronoUnit.HOURS);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Bound the way the engine writes its timestamps. */
  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }
}

package io.crmflow.metrics;

import io.crmflow.metrics.LifecycleMetricsResponses;
import io.crmflow.contact.LifecycleStage;
import io.crmflow.metrics.LifecycleMetricsResponses.Stages;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Aggregate queries over crm_contact for the lifecycle funnel: each measure is one range over an indexed
 * time column (created_at, opportunity_at, customer_at; Flyway V10), grouped by bucket number in the
 * database, so only counts leave it — on PostgreSQL an index-only scan, no contact row is read.
 */
@Repository
class LifecycleMetricsRepository {

  /** A step of the funnel: the time column that says when a contact reached it. */
  enum Measure {
    NEW_CONTACTS("created_at"), BECAME_OPPORTUNITY("opportunity_at"), BECAME_CUSTOMER("customer_at");

    private final String column;

    Measure(String column) {
      this.column = column;
    }
  }

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private volatile Boolean postgres;

  LifecycleMetricsRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Contacts whose measure's time falls in the window, per bucket number (0, 1, …); empty buckets are absent. */
  Map<Long, Long> perBucket(Measure measure, BucketedWindow buckets) {
    Map<Long, Long> result = new HashMap<>();
    jdbc.sql("""
            select grp, count(*) as n from (
              select %s as grp from crm_contact where %2$s >= :from and %2$s < :to
            ) t group by grp""".formatted(bucketOf(measure.column, buckets), measure.column))
        .param("from", Timestamp.from(buckets.window().from()))
        .param("to", Timestamp.from(buckets.window().to()))
        .param("fromSeconds", BigDecimal.valueOf(buckets.window().from().getEpochSecond())
            .add(BigDecimal.valueOf(buckets.window().from().getNano(), 9)))
        .query((ResultSet rs) -> {
          result.put(rs.getLong("grp"), rs.getLong("n"));
        });
    return result;
  }

  /** Contacts now, not erased, per lifecycle stage. */
  Stages contactsByStage() {
    Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
    jdbc.sql("select lifecycle_stage, count(*) as n from crm_contact where erased_at is null group by lifecycle_stage")
        .query((ResultSet rs) -> {
          counts.put(LifecycleStage.valueOf(rs.getString("lifecycle_stage")), rs.getLong("n"));
        });
    return new Stages(counts.getOrDefault(LifecycleStage.LEAD, 0L),
        counts.getOrDefault(LifecycleStage.OPPORTUNITY, 0L), counts.getOrDefault(LifecycleStage.CUSTOMER, 0L));
  }

  /**
   * Whole buckets between the window's start and the column (timestamp with time zone). Dialects differ:
   * PostgreSQL subtracts to an interval (date_part: double precision, quicker than numeric); H2's datediff
   * ignores the offsets of timestamps with time zone, so H2 subtracts epoch seconds (exact numerics).
   */
  private String bucketOf(String column, BucketedWindow buckets) {
    long millis = buckets.bucket().toMillis();
    return "cast(" + (isPostgres()
        ? "floor(date_part('epoch', " + column + " - cast(:from as timestamp with time zone)) * 1000 / " + millis + ")"
        : "floor((extract(epoch from " + column + ") - :fromSeconds) * 1000 / " + millis + ")")
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
}

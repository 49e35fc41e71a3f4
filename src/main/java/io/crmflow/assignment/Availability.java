package io.crmflow.assignment;

import io.crmflow.web.UniqueInserts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether a user takes new work now: away, until a time or until they say otherwise, else available. */
@Repository
public class Availability {

  private final JdbcClient jdbc;
  private final UniqueInserts uniqueInserts;

  Availability(JdbcClient jdbc, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    this.uniqueInserts = uniqueInserts;
  }

  /** A user's stated availability; {@code until} is when an absence ends (null: open-ended). */
  public record Status(boolean available, Instant until) {

    static final Status AVAILABLE = new Status(true, null);

    boolean takesWorkAt(Instant now) {
      return available || (until != null && !until.isAfter(now));
    }
  }

  public Status of(String userId) {
    return jdbc.sql("select available, until from crm_user_availability where user_id = :userId")
        .param("userId", userId)
        .query((rs, row) -> new Status(rs.getBoolean("available"),
            Optional.ofNullable(rs.getTimestamp("until")).map(Timestamp::toInstant).orElse(null)))
        .optional().orElse(Status.AVAILABLE);
  }

  public boolean takesWorkNow(String userId) {
    return of(userId).takesWorkAt(Instant.now());
  }

  /** Records a user's availability; being available again forgets the absence. */
  public void set(String userId, Status status) {
    Timestamp until = status.available() || status.until() == null ? null : Timestamp.from(status.until());
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.sql("""
            update crm_user_availability set available = :available, until = :until, updated_at = :now
            where user_id = :userId""")
        .param("userId", userId).param("available", status.available()).param("until", until).param("now", now)
        .update();
    if (updated == 0) {
      Map<String, Object> row = new HashMap<>();
      row.put("userId", userId);
      row.put("available", status.available());
      row.put("until", until); // may be null: Map.of takes none
      row.put("now", now);
      boolean inserted = uniqueInserts.insertUnlessPresent("""
          insert into crm_user_availability (user_id, available, until, updated_at)
          values (:userId, :available, :until, :now)""", row);
      if (!inserted) {
        set(userId, status);
      }
    }
  }
}

package io.crmflow.metrics;

import io.crmflow.shared.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A window cut into {@code count} buckets of one size: bucket i is [from + i × bucket, from + (i + 1) × bucket),
 * the last one cut off at {@code to}. The series endpoints (a process's throughput, the contact lifecycle) share it.
 */
record BucketedWindow(TimeWindow window, Duration bucket, int count) {

  static final Duration MIN_BUCKET = Duration.ofMinutes(1);

  /**
   * From the request: {@code bucket} an ISO-8601 duration of at least PT1M, the window as
   * {@link TimeWindow#parse} reads it, except that without {@code from} it ends with the current bucket
   * (so PT1H buckets are whole hours), and at most crmflow.metrics.max-buckets buckets. Anything else is
   * a 400 naming the field.
   */
  static BucketedWindow parse(String from, String to, String bucket, MetricsProperties properties) {
    Duration size = duration(bucket);
    TimeWindow window = TimeWindow.parse(from, to, properties);
    if (from == null || from.isBlank()) {
      Instant end = truncate(window.to(), size).plus(size);
      window = new TimeWindow(end.minus(properties.defaultRange()), end);
    }
    long count = (window.length().toMillis() + size.toMillis() - 1) / size.toMillis();
    if (count > properties.maxBuckets()) {
      throw new InvalidFieldException("bucket", "gives " + count + " buckets for this window; at most "
          + properties.maxBuckets() + " are allowed, choose a wider bucket");
    }
    return new BucketedWindow(window, size, (int) count);
  }

  Instant start(long index) {
    return window.from().plus(bucket.multipliedBy(index));
  }

  static Instant truncate(Instant instant, Duration bucket) {
    long millis = bucket.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
  }

  private static Duration duration(String value) {
    Duration duration;
    try {
      duration = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("bucket", "must be an ISO-8601 duration such as PT1H");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidFieldException("bucket", "must be a positive duration");
    }
    if (duration.compareTo(MIN_BUCKET) < 0) {
      throw new InvalidFieldException("bucket", "must be at least PT1M");
    }
    return duration;
  }
}

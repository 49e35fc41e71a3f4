package io.crmflow.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durations (ms) counted in log-scale buckets, so that percentiles can be read from hourly rollups
 * without keeping every duration. Bucket i holds the durations d with 1.05^i ≤ d + 1 < 1.05^(i+1); a
 * percentile is read as the bucket's geometric middle, 1.05^(i+½) − 1, which lies within
 * √1.05 − 1 ≈ 2.5 % of (d + 1) of every duration in the bucket. Interpolating between two ranks, as
 * percentile_cont does, keeps that bound: an approximate percentile is within 2.5 % of (exact + 1 ms).
 * About 47 buckets per decade (from 1 s to 10 s, say), about 500 up to a year. The database
 * computes the bucket ({@link #bucketOf}), for rollups and history alike. Count, sum and maximum are
 * exact.
 */
final class DurationHistogram {

  private static final double BASE = 1.05;
  /** √BASE − 1, rounded up to three places. */
  static final double MAX_RELATIVE_ERROR = Math.ceil((Math.sqrt(BASE) - 1) * 1000) / 1000.0;

  private final TreeMap<Integer, Long> counts = new TreeMap<>();
  private long count;
  private long sum;
  private long max;

  /** SQL for the bucket of a duration column (a negative duration, from skewed clocks, counts as 0). */
  static String bucketOf(String duration) {
    return "cast(floor(ln(greatest(" + duration + ", 0) + 1) / " + Math.log(BASE) + ") as integer)";
  }

  /** Adds the durations of one bucket (null when they had no duration): how many, their sum and maximum. */
  void add(Integer bucket, long count, long sum, long max) {
    if (bucket != null) {
      counts.merge(bucket, count, Long::sum);
    }
    this.count += count;
    this.sum += sum;
    this.max = Math.max(this.max, max);
  }

  DurationHistogram addAll(DurationHistogram other) {
    other.counts.forEach((bucket, n) -> counts.merge(bucket, n, Long::sum));
    count += other.count;
    sum += other.sum;
    max = Math.max(max, other.max);
    return this;
  }

  long count() {
    return count;
  }

  long sum() {
    return sum;
  }

  long max() {
    return max;
  }

  /** Like percentile_cont(p): interpolated between the two nearest ranks, here their buckets' middles. */
  Double percentile(double p) {
    long ranked = counts.values().stream().mapToLong(Long::longValue).sum();
    if (ranked == 0) {
      return null;
    }
    double position = p * (ranked - 1);
    long lower = (long) Math.floor(position);
    double lowerValue = valueAtRank(lower);
    double value = lowerValue + (position - lower) * (valueAtRank(Math.min(lower + 1, ranked - 1)) - lowerValue);
    return Math.min(value, max);
  }

  private double valueAtRank(long rank) {
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
      seen += bucket.getValue();
      if (rank < seen) {
        return Math.pow(BASE, bucket.getKey() + 0.5) - 1;
      }
    }
    throw new IllegalArgumentException("rank " + rank + " beyond " + seen);
  }
}

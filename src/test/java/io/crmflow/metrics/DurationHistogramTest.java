package io.crmflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Percentiles read from duration histograms stay within the documented bound of percentile_cont's. */
class DurationHistogramTest {

  private static final List<Double> PERCENTILES = List.of(0.0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0);

  @ParameterizedTest(name = "durations up to {0} ms")
  @ValueSource(longs = {5, 1_000, 60_000, 30_000_000, 3_000_000_000L})
  void shouldReadEveryPercentileWithinTheBound(long largest) {
    Random random = new Random(largest);
    for (int sample = 0; sample < 20; sample++) {
      List<Long> durations = LongStream.range(0, 1 + random.nextInt(3000))
          .map(i -> (long) Math.floor(Math.exp(random.nextDouble() * Math.log(largest + 1.0))) - 1)
          .boxed().toList();
      DurationHistogram histogram = histogramOf(durations);

      for (double p : PERCENTILES) {
        double exact = exactPercentile(durations, p);
        assertThat(histogram.percentile(p)).as("p%s of %s durations", p, durations.size())
            .isCloseTo(exact, within(DurationHistogram.MAX_RELATIVE_ERROR * (exact + 1)));
      }
      assertThat(histogram.count()).isEqualTo(durations.size());
      assertThat(histogram.sum()).isEqualTo(durations.stream().mapToLong(Long::longValue).sum());
      assertThat(histogram.max()).isEqualTo(durations.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
  }

  @Test
  void shouldMergeHoursIntoTheHistogramOfTheirWindow() {
    List<Long> first = List.of(10L, 200L, 3000L);
    List<Long> second = List.of(15L, 250L, 40_000L, 500_000L);

    DurationHistogram merged = histogramOf(first).addAll(histogramOf(second));

    DurationHistogram whole = histogramOf(LongStream.concat(first.stream().mapToLong(Long::longValue),
        second.stream().mapToLong(Long::longValue)).boxed().toList());
    for (double p : PERCENTILES) {
      assertThat(merged.percentile(p)).isEqualTo(whole.percentile(p));
    }
    assertThat(merged.count()).isEqualTo(7);
    assertThat(merged.max()).isEqualTo(500_000L);
  }

  @Test
  void shouldHaveNoPercentilesWithoutDurations() {
    DurationHistogram histogram = new DurationHistogram();
    histogram.add(null, 3, 0, 0); // ended without a duration

    assertThat(histogram.percentile(0.5)).isNull();
    assertThat(histogram.count()).isEqualTo(3);
  }

  /** Buckets as the database computes them ({@link DurationHistogram#bucketOf}). */
  private static DurationHistogram histogramOf(List<Long> durations) {
    DurationHistogram histogram = new DurationHistogram();
    for (long duration : durations) {
      histogram.add((int) Math.floor(Math.log(duration + 1) / Math.log(1.05)), 1, duration, duration);
    }
    return histogram;
  }

  /** What percentile_cont answers. */
  static double exactPercentile(List<Long> values, double p) {
    List<Long> sorted = values.stream().sorted().toList();
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.size() - 1);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }
}

package io.crmflow.metrics;

import java.time.LocalDateTime;

/**
 * A window [from, to) in two sources: the whole hours [rolledUpFrom, rolledUpTo) from the hourly
 * rollups, the rest — [from, rolledUpFrom) and [rolledUpTo, to) — from Camunda's history. Rolled-up
 * hours are wall-clock times, as the engine stamps history (see {@link HourlyRollup#hourOf}).
 */
record SplitWindow(TimeWindow window, LocalDateTime rolledUpFrom, LocalDateTime rolledUpTo) {

  static SplitWindow historyOnly(TimeWindow window) {
    LocalDateTime end = HourlyRollup.wallClock(window.to());
    return new SplitWindow(window, end, end);
  }
}

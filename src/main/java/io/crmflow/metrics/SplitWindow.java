package io.crmflow.metrics;

import java.time.Instant;

/**
 * A window [from, to) in two sources: the whole hours [rolledUpFrom, rolledUpTo) from the hourly
 * rollups, the rest — [from, rolledUpFrom) and [rolledUpTo, to) — from Camunda's history.
 */
record SplitWindow(TimeWindow window, Instant rolledUpFrom, Instant rolledUpTo) {

  static SplitWindow historyOnly(TimeWindow window) {
    return new SplitWindow(window, window.to(), window.to());
  }
}

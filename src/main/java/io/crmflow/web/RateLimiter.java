package io.crmflow.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window limit of {@code permits} requests per {@code window} and key, in memory.
 * Each instance of a cluster counts on its own, so N instances allow up to N times the limit.
 */
public class RateLimiter {

  private static final int MAX_KEYS = 100_000;

  private final int permits;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();

  public RateLimiter(int permits, Duration window, Clock clock) {
    this.permits = permits;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one call for the key; empty if allowed, else how long until the next call is. */
  public Optional<Duration> acquire(String key) {
    return check(key, true);
  }

  /** Whether the key has used up its calls, without counting one: empty if not, else for how long. */
  public Optional<Duration> blockedFor(String key) {
    return check(key, false);
  }

  private Optional<Duration> check(String key, boolean count) {
    long now = clock.millis();
    long windowStart = now - window.toMillis();
    if (calls.size() >= MAX_KEYS) {
      // a flood of distinct keys must not exhaust memory: start counting afresh
      calls.clear();
    }
    Deque<Long> times = calls.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= windowStart) {
        times.pollFirst();
      }
      if (times.size() >= permits) {
        return Optional.of(Duration.ofMillis(times.peekFirst() - windowStart));
      }
      if (count) {
        times.addLast(now);
      }
      return Optional.empty();
    }
  }
}

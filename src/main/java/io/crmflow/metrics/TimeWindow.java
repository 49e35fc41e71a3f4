package io.crmflow.metrics;

import io.crmflow.shared.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The half-open window [from, to) a metrics request asks about. */
record TimeWindow(Instant from, Instant to) {

  /**
   * From the request's ISO-8601 instants: {@code to} defaults to now, {@code from} to {@code to}
   * minus the default range. Unparseable, inverted or too wide windows are a 400 naming the field.
   */
  static TimeWindow parse(String from, String to, MetricsProperties properties) {
    Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
    Instant start = from == null || from.isBlank() ? end.minus(properties.defaultRange()) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidFieldException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(properties.maxRange()) > 0) {
      throw new InvalidFieldException("from", "the window may span at most " + properties.maxRange());
    }
    return new TimeWindow(start, end);
  }

  Duration length() {
    return Duration.between(from, to);
  }

  double hours() {
    return length().toMillis() / 3_600_000.0;
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "must be an ISO-8601 instant such as 2026-01-31T08:00:00Z");
    }
  }
}

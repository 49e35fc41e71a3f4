package io.crmflow.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * One stretch of working time within a day, such as {@code 08:00-17:00}, in the team's zone. Written
 * in configuration as {@code HH:mm-HH:mm}; a day may have several (a lunch break between two).
 */
public record WorkingPeriod(LocalTime start, LocalTime end) {

  public WorkingPeriod {
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException("a working period starts before it ends, within one day: " + start + "-" + end);
    }
  }

  /** Reads {@code 08:00-17:00}; what configuration binding calls. */
  public static WorkingPeriod valueOf(String text) {
    String[] bounds = text.trim().split("\\s*-\\s*");
    if (bounds.length != 2) {
      throw new IllegalArgumentException("a working period is written HH:mm-HH:mm, e.g. 08:00-17:00: " + text);
    }
    try {
      return new WorkingPeriod(LocalTime.parse(bounds[0]), LocalTime.parse(bounds[1]));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a working period is written HH:mm-HH:mm, e.g. 08:00-17:00: " + text, e);
    }
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}

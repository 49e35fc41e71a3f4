package io.crmflow.calendar;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration as business time counts it: years, months and weeks are calendar time; days
 * are working days; hours, minutes and seconds are working time.
 */
record BusinessDuration(int years, int months, int weeks, int days, Duration time) {

  private static final Pattern ISO = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d{1,9})?)S)?)?");

  /**
   * The duration written in {@code text} ({@code PT8H}, {@code P2D}, {@code P1DT4H}…), or empty when it
   * is not a plain non-negative ISO-8601 duration: a date, a cycle, a negative or empty duration.
   */
  static Optional<BusinessDuration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    Matcher m = ISO.matcher(trimmed);
    if (!m.matches() || trimmed.equals("P") || trimmed.endsWith("T")) {
      return Optional.empty();
    }
    try {
      Duration time = Duration.ofHours(number(m.group(5))).plusMinutes(number(m.group(6)));
      if (m.group(7) != null) {
        BigDecimal seconds = new BigDecimal(m.group(7).replace(',', '.'));
        time = time.plusNanos(seconds.movePointRight(9).longValueExact());
      }
      return Optional.of(new BusinessDuration(Math.toIntExact(number(m.group(1))), Math.toIntExact(number(m.group(2))),
          Math.toIntExact(number(m.group(3))), Math.toIntExact(number(m.group(4))), time));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  boolean isZero() {
    return years == 0 && months == 0 && weeks == 0 && days == 0 && time.isZero();
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}

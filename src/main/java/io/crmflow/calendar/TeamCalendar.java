package io.crmflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * Counts time on one team's working hours. A duration's hours, minutes and seconds are working time:
 * they run only within the working periods of working days, in the team's zone, and a start outside
 * them counts from the next period's start. Its days are working days: the same time of day that many
 * working days later (from a start outside working time, the next period's start). Its years, months
 * and weeks are calendar time, added first. A zero duration is due at its start.
 */
final class TeamCalendar {

  private final ZoneId zone;
  private final Set<DayOfWeek> days;
  private final List<WorkingPeriod> hours;
  private final Set<LocalDate> holidays;

  TeamCalendar(WorkingHours workingHours) {
    this.zone = workingHours.zone();
    this.days = workingHours.days();
    this.hours = workingHours.hours();
    this.holidays = workingHours.holidays();
    if (zone == null || days == null || days.isEmpty() || hours == null || hours.isEmpty() || holidays == null
        || !workingHours.isHoursApart()) {
      throw new IllegalArgumentException("working hours need a zone, working days and working periods that do not overlap: "
          + workingHours);
    }
  }

  ZoneId zone() {
    return zone;
  }

  /** When {@code duration}, counted in this team's business time, has passed after {@code start}. */
  Instant plus(Instant start, BusinessDuration duration) {
    if (duration.isZero()) {
      return start;
    }
    ZonedDateTime at = start.atZone(zone)
        .plusYears(duration.years()).plusMonths(duration.months()).plusWeeks(duration.weeks());
    if (duration.days() > 0) {
      at = plusWorkingDays(nextWorkingMoment(at.toInstant()).atZone(zone), duration.days());
    }
    if (!duration.time().isZero()) {
      return plusWorkingTime(at.toInstant(), duration.time());
    }
    return at.toInstant();
  }

  boolean isWorkingDay(LocalDate date) {
    return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** {@code at} itself when it is within working time (the end of a period included), else the next period's start. */
  Instant nextWorkingMoment(Instant at) {
    LocalDate date = at.atZone(zone).toLocalDate();
    // ends: there is a working day every week, and holidays are finitely many
    for (; ; date = date.plusDays(1)) {
      if (!isWorkingDay(date)) {
        continue;
      }
      for (WorkingPeriod period : hours) {
        Instant end = at(date, period.end());
        if (!end.isBefore(at)) {
          Instant begin = at(date, period.start());
          return begin.isAfter(at) ? begin : at;
        }
      }
    }
  }

  private ZonedDateTime plusWorkingDays(ZonedDateTime from, int workingDays) {
    LocalDate date = from.toLocalDate();
    for (int counted = 0; counted < workingDays; ) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        counted++;
      }
    }
    return ZonedDateTime.of(date, from.toLocalTime(), zone);
  }

  private Instant plusWorkingTime(Instant from, Duration time) {
    Instant now = from;
    Duration remaining = time;
    LocalDate date = from.atZone(zone).toLocalDate();
    for (; ; date = date.plusDays(1)) {
      if (!isWorkingDay(date)) {
        continue;
      }
      for (WorkingPeriod period : hours) {
        // instants, not local times: a period crossing a daylight-saving change is as long as it really is
        Instant end = at(date, period.end());
        if (!end.isAfter(now)) {
          continue;
        }
        Instant begin = at(date, period.start());
        Instant counting = begin.isAfter(now) ? begin : now;
        Duration available = Duration.between(counting, end);
        if (remaining.compareTo(available) <= 0) {
          return counting.plus(remaining);
        }
        remaining = remaining.minus(available);
        now = end;
      }
    }
  }

  private Instant at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }
}

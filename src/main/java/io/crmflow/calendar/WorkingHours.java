package io.crmflow.calendar;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One team's working time, {@code crmflow.business-hours.<team>.*}. What a team leaves unset is the
 * default calendar's ({@code crmflow.business-hours.default.*}), and what that leaves unset is
 * {@link #standard}.
 *
 * @param zone     the team's time zone (IANA id such as Europe/Berlin); standard: the server's zone
 * @param days     the working days; standard: Monday to Friday
 * @param hours    the working periods of a working day, in the team's zone, e.g. {@code 08:00-17:00} (the
 *                 standard) or {@code 08:00-12:00,13:00-17:00}
 * @param holidays dates that are not working days although their weekday is; standard: none
 */
public record WorkingHours(
    ZoneId zone,
    @Size(min = 1) Set<DayOfWeek> days,
    @Size(min = 1) List<WorkingPeriod> hours,
    Set<LocalDate> holidays) {

  public WorkingHours {
    days = days == null ? null : Set.copyOf(days);
    hours = hours == null ? null : hours.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
    holidays = holidays == null ? null : Set.copyOf(holidays);
  }

  /** Monday to Friday, 08:00-17:00, no holidays, in the given zone. */
  public static WorkingHours standard(ZoneId zone) {
    return new WorkingHours(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        List.of(WorkingPeriod.valueOf("08:00-17:00")), Set.of());
  }

  /** These hours, with what they leave unset taken from {@code base}. */
  public WorkingHours orElse(WorkingHours base) {
    return new WorkingHours(zone != null ? zone : base.zone(), days != null ? days : base.days(),
        hours != null ? hours : base.hours(), holidays != null ? holidays : base.holidays());
  }

  @AssertTrue(message = "working periods of a day must not overlap")
  boolean isHoursApart() {
    for (int i = 1; hours != null && i < hours.size(); i++) {
      if (hours.get(i).start().isBefore(hours.get(i - 1).end())) {
        return false;
      }
    }
    return true;
  }
}

package io.crmflow.calendar;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One team's working time, {@code crmflow.business-hours.<team>.*}.
 *
 * @param zone     the team's time zone (IANA id such as Europe/Berlin); unset: the server's zone
 * @param days     the working days
 * @param hours    the working periods of a working day, in the team's zone, e.g. {@code 08:00-17:00} or
 *                 {@code 08:00-12:00,13:00-17:00}
 * @param holidays dates that are not working days although their weekday is
 */
public record WorkingHours(
    ZoneId zone,
    @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) @NotEmpty Set<DayOfWeek> days,
    @DefaultValue(STANDARD_HOURS) @NotEmpty List<WorkingPeriod> hours,
    @DefaultValue Set<LocalDate> holidays) {

  static final String STANDARD_HOURS = "08:00-17:00";

  public WorkingHours {
    zone = zone == null ? ZoneId.systemDefault() : zone;
    days = days == null ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : Set.copyOf(days);
    hours = hours == null ? List.of(WorkingPeriod.valueOf(STANDARD_HOURS))
        : hours.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
    holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
  }

  /** Monday to Friday, 08:00-17:00, no holidays, in the given zone: what a team without configuration works. */
  public static WorkingHours standard(ZoneId zone) {
    return new WorkingHours(zone, null, null, null);
  }

  @AssertTrue(message = "working periods of a day must not overlap")
  boolean isHoursApart() {
    for (int i = 1; i < hours.size(); i++) {
      if (hours.get(i).start().isBefore(hours.get(i - 1).end())) {
        return false;
      }
    }
    return true;
  }
}

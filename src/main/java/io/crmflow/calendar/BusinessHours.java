package io.crmflow.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Business time per team: when a duration counted in a team's working hours has passed. The engine's
 * due-date and duration calendars use it for user tasks ({@link BusinessTimeCalendars}); models and
 * code use it directly for anything else, e.g. a timer {@code ${businessHours.due('support', 'PT8H')}}.
 */
@Component("businessHours")
public class BusinessHours {

  /** The key of the calendar for teams without one of their own. */
  public static final String DEFAULT = "default";

  private final Map<String, TeamCalendar> calendars = new HashMap<>();
  private final TeamCalendar defaultCalendar;

  BusinessHours(BusinessHoursProperties properties) {
    WorkingHours standardHours = WorkingHours.standard(ZoneId.systemDefault());
    WorkingHours defaultHours = properties.businessHours().getOrDefault(DEFAULT, standardHours).orElse(standardHours);
    this.defaultCalendar = new TeamCalendar(defaultHours);
    properties.businessHours().forEach((team, hours) -> {
      if (!team.equals(DEFAULT)) {
        calendars.put(team, new TeamCalendar(hours.orElse(defaultHours)));
      }
    });
  }

  /** Whether {@code team} has working hours of its own (rather than the default calendar's). */
  public boolean hasOwnCalendar(String team) {
    return team != null && calendars.containsKey(team);
  }

  /** The zone the team's working hours are in. */
  public ZoneId zone(String team) {
    return calendar(team).zone();
  }

  /**
   * When {@code isoDuration} ({@code PT8H}, {@code P2D} …), counted in the team's business hours from
   * the engine's current time, has passed. A team without working hours of its own (or null) counts on
   * the default calendar.
   *
   * @throws IllegalArgumentException when {@code isoDuration} is not a non-negative ISO-8601 duration
   */
  public Date due(String team, String isoDuration) {
    return due(team, isoDuration, ClockUtil.getCurrentTime());
  }

  /** When {@code isoDuration}, counted in the team's business hours from {@code start}, has passed. */
  public Date due(String team, String isoDuration, Date start) {
    BusinessDuration duration = BusinessDuration.parse(isoDuration).orElseThrow(() ->
        new IllegalArgumentException("not an ISO-8601 duration such as PT8H or P2D: " + isoDuration));
    return Date.from(plus(team, start.toInstant(), duration));
  }

  /** The end of {@code isoDuration} from {@code start} in the team's business time; empty if it is no duration. */
  Optional<Instant> plus(String team, Instant start, String isoDuration) {
    return BusinessDuration.parse(isoDuration).map(duration -> plus(team, start, duration));
  }

  private Instant plus(String team, Instant start, BusinessDuration duration) {
    return calendar(team).plus(start, duration);
  }

  private TeamCalendar calendar(String team) {
    TeamCalendar own = team == null ? null : calendars.get(team);
    return own != null ? own : defaultCalendar;
  }
}

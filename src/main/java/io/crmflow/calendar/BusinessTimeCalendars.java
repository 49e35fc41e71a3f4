package io.crmflow.calendar;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The engine's {@code dueDate} and {@code duration} business calendars count durations of user tasks in
 * their team's business hours: a user task's due date and follow-up date ({@code camunda:dueDate="PT8H"})
 * and the timers of a user task's boundary events ({@code <timeDuration>PT8H</timeDuration>}), so a
 * model with durations needs no change. Which team: {@link TeamOfWork}. Every other timer, dates
 * rather than durations, and cycles ({@code cycle} calendar) keep Camunda's behaviour.
 */
@Component
class BusinessTimeCalendars extends AbstractProcessEnginePlugin {

  private final BusinessHours businessHours;

  BusinessTimeCalendars(BusinessHours businessHours) {
    this.businessHours = businessHours;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    BusinessCalendarManager base = configuration.getBusinessCalendarManager() != null
        ? configuration.getBusinessCalendarManager()
        : camundasCalendars();
    BusinessCalendar duration = new UserTaskBusinessTime(base.getBusinessCalendar(DurationBusinessCalendar.NAME));
    BusinessCalendar dueDate = new UserTaskBusinessTime(base.getBusinessCalendar(DueDateBusinessCalendar.NAME));
    configuration.setBusinessCalendarManager(name -> switch (name) {
      case "duration" -> duration; // DurationBusinessCalendar.NAME, which is not a constant
      case DueDateBusinessCalendar.NAME -> dueDate;
      default -> base.getBusinessCalendar(name);
    });
  }

  /** What the engine configures when nobody else does. */
  private static BusinessCalendarManager camundasCalendars() {
    MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
    calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
    calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
    calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
    return calendars;
  }

  /** Business time for user tasks; Camunda's calendar for the rest and for whatever is not a plain duration. */
  private final class UserTaskBusinessTime implements BusinessCalendar {

    private final BusinessCalendar camunda;

    UserTaskBusinessTime(BusinessCalendar camunda) {
      this.camunda = camunda;
    }

    /** A task's due or follow-up date. */
    @Override
    public Date resolveDuedate(String description, Task task) {
      return businessTime(TeamOfWork.ofTask(task, businessHours), description, null)
          .orElseGet(() -> camunda.resolveDuedate(description, task));
    }

    /** A timer's due date, when its execution enters the activity. */
    @Override
    public Date resolveDuedate(String description) {
      return businessTime(TeamOfWork.ofCurrentUserTask(businessHours), description, null)
          .orElseGet(() -> camunda.resolveDuedate(description));
    }

    /** A timer's due date counted from a given start (its creation, when recalculated). */
    @Override
    public Date resolveDuedate(String description, Date startDate) {
      return businessTime(TeamOfWork.ofCurrentUserTask(businessHours), description, startDate)
          .orElseGet(() -> camunda.resolveDuedate(description, startDate));
    }

    private Optional<Date> businessTime(Optional<String> team, String description, Date startDate) {
      Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
      return team.flatMap(t -> businessHours.plus(t, start, description)).map(Date::from);
    }
  }
}

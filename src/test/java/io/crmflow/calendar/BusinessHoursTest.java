package io.crmflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The arithmetic of business time, without the engine: docs/business-hours.md has the same examples. */
class BusinessHoursTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void shouldMakeEightHoursFromFridayAtFourDueOnMondayAtThreeInBerlin() {
    // 2025-06-13 is a Friday: 16:00-17:00 is one hour, Monday 08:00-15:00 the other seven
    assertThat(due(standard(BERLIN), "2025-06-13T16:00", "PT8H", BERLIN)).isEqualTo("2025-06-16T15:00");
  }

  @Test
  void shouldCountInTheTeamsZoneNotTheServers() {
    ZonedDateTime fridayInNewYork = ZonedDateTime.of(LocalDateTime.parse("2025-06-13T16:00"), NEW_YORK);
    var due = standard(NEW_YORK).plus(fridayInNewYork.toInstant(), duration("PT8H"));
    assertThat(due.atZone(NEW_YORK).toLocalDateTime()).isEqualTo("2025-06-16T15:00");
    assertThat(due).as("Monday 15:00 in New York is 21:00 in Berlin").isEqualTo(
        ZonedDateTime.of(LocalDateTime.parse("2025-06-16T21:00"), BERLIN).toInstant());
  }

  @Test
  void shouldSkipHolidays() {
    // Friday 2025-06-06; Whit Monday 2025-06-09 is a holiday, so the seven hours fall on Tuesday
    TeamCalendar calendar = new TeamCalendar(
        new WorkingHours(null, null, null, Set.of(LocalDate.parse("2025-06-09"))).orElse(WorkingHours.standard(BERLIN)));
    assertThat(due(calendar, "2025-06-06T16:00", "PT8H", BERLIN)).isEqualTo("2025-06-10T15:00");
    assertThat(due(calendar, "2025-06-06T16:00", "P1D", BERLIN)).as("one working day").isEqualTo("2025-06-10T16:00");
  }

  @Test
  void shouldCountFromTheNextOpeningWhenStartedOutsideWorkingHours() {
    TeamCalendar calendar = standard(BERLIN);
    assertThat(due(calendar, "2025-06-14T10:00", "PT8H", BERLIN)).as("Saturday").isEqualTo("2025-06-16T16:00");
    assertThat(due(calendar, "2025-06-13T18:30", "PT8H", BERLIN)).as("Friday evening").isEqualTo("2025-06-16T16:00");
    assertThat(due(calendar, "2025-06-16T06:00", "PT1H", BERLIN)).as("Monday early").isEqualTo("2025-06-16T09:00");
    assertThat(due(calendar, "2025-06-16T09:00", "PT8H", BERLIN)).as("ends at closing time, not the next morning")
        .isEqualTo("2025-06-16T17:00");
  }

  @Test
  void shouldMakeTwentyFourHoursTwoDaysAndSixHoursOfNineHourDays() {
    // Monday 09:00-17:00 = 8 h, Tuesday 08:00-17:00 = 9 h, Wednesday 08:00-15:00 = 7 h
    assertThat(due(standard(BERLIN), "2025-06-16T09:00", "PT24H", BERLIN)).isEqualTo("2025-06-18T15:00");
  }

  @Test
  void shouldKeepWorkingHoursInLocalTimeAcrossADaylightSavingChange() {
    // Berlin moves from +01:00 to +02:00 on Sunday 2025-03-30
    var due = standard(BERLIN).plus(ZonedDateTime.of(LocalDateTime.parse("2025-03-28T16:00"), BERLIN).toInstant(),
        duration("PT8H"));
    assertThat(due.atZone(BERLIN).toLocalDateTime()).isEqualTo("2025-03-31T15:00");
    assertThat(due.atZone(BERLIN).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(Duration.between(ZonedDateTime.of(LocalDateTime.parse("2025-03-28T16:00"), BERLIN).toInstant(), due))
        .as("70 hours elapsed, not 71: the night to Sunday was an hour shorter").isEqualTo(Duration.ofHours(70));
  }

  @Test
  void shouldBeDueAtOnceForAZeroDuration() {
    assertThat(due(standard(BERLIN), "2025-06-14T10:00", "PT0S", BERLIN)).as("Saturday: due now")
        .isEqualTo("2025-06-14T10:00");
    assertThat(due(standard(BERLIN), "2025-06-14T10:00", "P0D", BERLIN)).isEqualTo("2025-06-14T10:00");
  }

  @Test
  void shouldCountDaysAsWorkingDaysAtTheSameTimeOfDay() {
    TeamCalendar calendar = standard(BERLIN);
    assertThat(due(calendar, "2025-06-13T16:00", "P2D", BERLIN)).isEqualTo("2025-06-17T16:00");
    assertThat(due(calendar, "2025-06-14T10:00", "P2D", BERLIN)).as("from Monday's opening")
        .isEqualTo("2025-06-18T08:00");
    assertThat(due(calendar, "2025-06-13T16:00", "P1DT2H", BERLIN)).as("Monday 16:00, then one hour + one hour")
        .isEqualTo("2025-06-17T09:00");
    assertThat(due(calendar, "2025-06-13T16:00", "P1W", BERLIN)).as("weeks are calendar weeks")
        .isEqualTo("2025-06-20T16:00");
  }

  @Test
  void shouldCountAroundALunchBreak() {
    TeamCalendar calendar = new TeamCalendar(new WorkingHours(BERLIN, Set.of(DayOfWeek.values()),
        List.of(WorkingPeriod.valueOf("13:00-17:00"), WorkingPeriod.valueOf("08:00-12:00")), Set.of()));
    assertThat(due(calendar, "2025-06-14T11:00", "PT2H", BERLIN)).as("Saturday is a working day here")
        .isEqualTo("2025-06-14T14:00");
    assertThat(due(calendar, "2025-06-14T12:30", "PT1H", BERLIN)).isEqualTo("2025-06-14T14:00");
  }

  @Test
  void shouldReadOnlyPlainIsoDurations() {
    assertThat(BusinessDuration.parse("PT1H30M")).contains(new BusinessDuration(0, 0, 0, 0, Duration.ofMinutes(90)));
    assertThat(BusinessDuration.parse("P1Y2M3W4DT5H6M7.5S")).contains(
        new BusinessDuration(1, 2, 3, 4, Duration.parse("PT5H6M7.5S")));
    for (String notADuration : List.of("R3/PT1H", "2025-06-13T16:00:00", "-PT1H", "P", "PT", "P1DT", "PT1.5H", "")) {
      assertThat(BusinessDuration.parse(notADuration)).as(notADuration).isEmpty();
    }
  }

  @Test
  void shouldRefuseWorkingHoursThatCannotBeCounted() {
    assertThatThrownBy(() -> WorkingPeriod.valueOf("17:00-08:00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkingPeriod.valueOf("8-17")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TeamCalendar(new WorkingHours(null, null,
        List.of(WorkingPeriod.valueOf("08:00-13:00"), WorkingPeriod.valueOf("12:00-17:00")), null)
        .orElse(WorkingHours.standard(BERLIN))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
  }

  @Test
  void shouldBindTeamsAndTheDefaultFromConfiguration() {
    contextRunner()
        .withPropertyValues(
            "crmflow.business-hours.default.zone=Europe/Berlin",
            "crmflow.business-hours.default.holidays=2025-12-25",
            "crmflow.business-hours.billing.zone=America/New_York",
            "crmflow.business-hours.support.zone=America/New_York",
            "crmflow.business-hours.support.days=monday,tuesday,wednesday,thursday,friday,saturday",
            "crmflow.business-hours.support.hours=09:00-12:00,13:00-18:00",
            "crmflow.business-hours.support.holidays=2025-12-25,2025-12-26")
        .run(context -> {
          assertThat(context).hasNotFailed();
          BusinessHours hours = context.getBean(BusinessHours.class);
          BusinessHoursProperties properties = context.getBean(BusinessHoursProperties.class);
          WorkingHours support = properties.businessHours().get("support");
          assertThat(support.days()).hasSize(6);
          assertThat(support.hours()).containsExactly(WorkingPeriod.valueOf("09:00-12:00"), WorkingPeriod.valueOf("13:00-18:00"));
          assertThat(support.holidays()).containsExactlyInAnyOrder(LocalDate.parse("2025-12-25"), LocalDate.parse("2025-12-26"));
          assertThat(hours.hasOwnCalendar("support")).isTrue();
          assertThat(hours.hasOwnCalendar("sales")).isFalse();
          // billing sets only its zone: the default's days, hours and holidays (Christmas Day)
          assertThat(hours.due("billing", "PT2H", java.util.Date.from(
              ZonedDateTime.of(LocalDateTime.parse("2025-12-24T16:00"), NEW_YORK).toInstant())).toInstant()
              .atZone(NEW_YORK).toLocalDateTime()).isEqualTo("2025-12-26T09:00");
          assertThat(hours.zone("sales")).isEqualTo(BERLIN);
          // Wednesday 2025-12-24 17:00 in New York: 17:00-18:00 is one hour; Thursday and Friday are holidays;
          // Saturday is a working day here, and its 09:00-12:00 the other three hours (due before the lunch break)
          assertThat(hours.due("support", "PT4H", java.util.Date.from(
              ZonedDateTime.of(LocalDateTime.parse("2025-12-24T17:00"), NEW_YORK).toInstant())).toInstant()
              .atZone(NEW_YORK).toLocalDateTime()).isEqualTo("2025-12-27T12:00");
          assertThat(hours.due("sales", "PT8H", java.util.Date.from(
              ZonedDateTime.of(LocalDateTime.parse("2025-06-13T16:00"), BERLIN).toInstant())).toInstant()
              .atZone(BERLIN).toLocalDateTime()).isEqualTo("2025-06-16T15:00");
        });
  }

  @Test
  void shouldTakeTheServersZoneWhenNoZoneIsSet() {
    // application.yaml: no zone, holidays: []
    contextRunner().withPropertyValues("crmflow.business-hours.default.holidays=")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(BusinessHours.class).zone("sales")).isEqualTo(ZoneId.systemDefault());
          assertThat(context.getBean(BusinessHoursProperties.class).businessHours().get("default").holidays()).isEmpty();
        });
  }

  @Test
  void shouldRefuseToStartWithWorkingHoursThatCannotBeCounted() {
    contextRunner().withPropertyValues("crmflow.business-hours.sales.hours=08:00-13:00,12:00-17:00")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("working periods of a day must not overlap"));
    contextRunner().withPropertyValues("crmflow.business-hours.sales.hours=17:00-08:00")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("a working period starts before it ends"));
    contextRunner().withPropertyValues("crmflow.business-hours.sales.zone=Mars/Olympus")
        .run(context -> assertThat(context).hasFailed());
  }

  private static ApplicationContextRunner contextRunner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(Properties.class);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BusinessHoursProperties.class)
  @Import(BusinessHours.class)
  static class Properties {
  }

  private static TeamCalendar standard(ZoneId zone) {
    return new TeamCalendar(WorkingHours.standard(zone));
  }

  private static BusinessDuration duration(String text) {
    return BusinessDuration.parse(text).orElseThrow();
  }

  /** The local date-time in {@code zone} at which {@code duration} from the local {@code start} is due. */
  private static LocalDateTime due(TeamCalendar calendar, String start, String duration, ZoneId zone) {
    return calendar.plus(ZonedDateTime.of(LocalDateTime.parse(start), zone).toInstant(), duration(duration))
        .atZone(zone).toLocalDateTime();
  }
}

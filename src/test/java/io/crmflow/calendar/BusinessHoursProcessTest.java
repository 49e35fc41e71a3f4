package io.crmflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.crmflow.testsupport.ProcessTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's calendars count a user task's due date and its boundary timer in the team's business
 * hours (src/test/resources/bpmn/business-hours-test.bpmn; the test profile gives {@code support} the
 * New York zone and Memorial Day 2025-05-26 off, and every other team the default calendar in Berlin).
 */
@ProcessTest
class BusinessHoursProcessTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldMakeEightHoursFromFridayAtFourDueOnMondayAtThreeInTheTeamsZone() {
    ClockUtil.setCurrentTime(at("2025-06-13T16:00", NEW_YORK)); // a Friday
    ProcessInstance instance = start(Map.of("offeredTo", "support", "sla", "PT8H"));

    assertThat(instance).isWaitingAt("Task_HandleRequest");
    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-06-16T15:00", NEW_YORK));
    assertThat(overdueTimer(instance).getDuedate()).as("the SLA timer counts the same hours")
        .isEqualTo(at("2025-06-16T15:00", NEW_YORK));
  }

  @Test
  void shouldSkipTheTeamsHolidays() {
    ClockUtil.setCurrentTime(at("2025-05-23T16:00", NEW_YORK)); // the Friday before Memorial Day
    ProcessInstance instance = start(Map.of("offeredTo", "support", "sla", "PT8H"));

    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-05-27T15:00", NEW_YORK));
    assertThat(overdueTimer(instance).getDuedate()).isEqualTo(at("2025-05-27T15:00", NEW_YORK));
  }

  @Test
  void shouldCountOnTheDefaultCalendarForATeamWithoutOne() {
    ClockUtil.setCurrentTime(at("2025-06-13T16:00", BERLIN));
    ProcessInstance instance = start(Map.of("offeredTo", "sales", "sla", "PT8H"));

    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-06-16T15:00", BERLIN));
    assertThat(overdueTimer(instance).getDuedate()).isEqualTo(at("2025-06-16T15:00", BERLIN));
  }

  @Test
  void shouldCountInTheHoursOfTheTeamTheWorkIsRoutedTo() {
    ClockUtil.setCurrentTime(at("2025-06-13T16:00", NEW_YORK));
    ProcessInstance instance = start(Map.of("offeredTo", "sales", "team", "support", "sla", "PT8H"));

    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-06-16T15:00", NEW_YORK));
    assertThat(overdueTimer(instance).getDuedate()).isEqualTo(at("2025-06-16T15:00", NEW_YORK));
  }

  @Test
  void shouldFallBackToTheCandidateGroupWhenTheRoutedTeamHasNoHours() {
    ClockUtil.setCurrentTime(at("2025-06-13T16:00", NEW_YORK));
    ProcessInstance instance = start(Map.of("offeredTo", "sales,support", "team", "billing", "sla", "PT8H"));

    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-06-16T15:00", NEW_YORK));
  }

  @Test
  void shouldCountWorkingDaysAndLeaveOtherTimersInCalendarTime() {
    ClockUtil.setCurrentTime(at("2025-06-13T16:00", BERLIN));
    ProcessInstance instance = start(Map.of("offeredTo", "sales", "sla", "P2D"));
    assertThat(task(instance).getDueDate()).as("two working days").isEqualTo(at("2025-06-17T16:00", BERLIN));
    assertThat(overdueTimer(instance).getDuedate()).isEqualTo(at("2025-06-17T16:00", BERLIN));

    taskService.complete(task(instance).getId());

    assertThat(instance).isWaitingAt("Timer_CoolDown");
    Job coolDown = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(coolDown.getDuedate()).as("a timer that is no user task's: two calendar days, Sunday")
        .isEqualTo(Date.from(at("2025-06-13T16:00", BERLIN).toInstant().plus(Duration.ofDays(2))));
  }

  @Test
  void shouldBeDueAtOnceWhenTheDurationIsZero() {
    ClockUtil.setCurrentTime(at("2025-06-14T10:00", BERLIN)); // a Saturday
    ProcessInstance instance = start(Map.of("offeredTo", "sales", "sla", "PT0S"));

    assertThat(task(instance).getDueDate()).isEqualTo(at("2025-06-14T10:00", BERLIN));
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey("business-hours-test", new HashMap<>(variables));
  }

  private Task task(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private Job overdueTimer(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_RequestOverdue").singleResult();
  }

  private static Date at(String localDateTime, ZoneId zone) {
    return Date.from(ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant());
  }
}

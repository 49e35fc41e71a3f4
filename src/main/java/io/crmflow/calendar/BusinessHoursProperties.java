package io.crmflow.calendar;

import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.business-hours.*: the working hours of each team, keyed by the team's Camunda group id
 * ({@code sales}, {@code support} …); the key {@value BusinessHours#DEFAULT} is the calendar of every
 * team without one of its own, and gives a team's entry what it leaves unset (unset itself: Monday to
 * Friday, 08:00-17:00, in the server's zone).
 *
 * @param businessHours the working hours per team
 */
@Validated
@ConfigurationProperties("crmflow")
record BusinessHoursProperties(@DefaultValue Map<String, @Valid WorkingHours> businessHours) {
}

/**
 * Business hours: each team's working time (zone, working days, hours, holidays) and the engine's
 * business calendars that count due dates and SLA timers of user tasks in it; the bean
 * {@code businessHours} for anything else. Depends on no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.crmflow.calendar;

import org.springframework.modulith.ApplicationModule;

package io.crmflow.opportunity;

import org.springframework.stereotype.Component;

/**
 * The follow-up settings as the model reads them: {@code ${followUpSettings.firstContact()}} on the "Follow up"
 * task's due date. An ISO-8601 duration, not a date, so the engine's due-date business calendar turns it into
 * the due date.
 */
@Component("followUpSettings")
public class FollowUpSettings {

  private final FollowUpProperties properties;

  FollowUpSettings(FollowUpProperties properties) {
    this.properties = properties;
  }

  /** ISO-8601 duration from the task's creation to its due date, e.g. {@code PT48H}. */
  public String firstContact() {
    return properties.firstContact().toString();
  }
}

package io.crmflow.opportunity;

import java.time.Duration;
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

  /**
   * ISO-8601 duration from the task's creation to its due date: whole days as days ({@code P2D}, two working
   * days to the business calendar — not {@code PT48H}, which would be 48 working hours), else as time.
   */
  public String firstContact() {
    Duration firstContact = properties.firstContact();
    return firstContact.toSeconds() % Duration.ofDays(1).toSeconds() == 0
        ? "P" + firstContact.toDays() + "D" : firstContact.toString();
  }
}

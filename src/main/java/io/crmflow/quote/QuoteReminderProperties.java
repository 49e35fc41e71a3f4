package io.crmflow.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.quotes.reminder-before: the reminder of a sent quote the customer has not answered.
 *
 * @param reminderBefore how long before the quote's validUntil the customer gets one reminder email and the
 *                       opportunity's owner a "Follow up quote" task; {@code P0D} sends no reminders
 */
@ConfigurationProperties("crmflow.quotes")
public record QuoteReminderProperties(@DefaultValue("P3D") Duration reminderBefore) {

  public QuoteReminderProperties {
    if (reminderBefore.isNegative()) {
      throw new IllegalArgumentException("crmflow.quotes.reminder-before must not be negative, was " + reminderBefore);
    }
  }

  /**
   * When to remind the customer of a quote valid until {@code validUntil}: none when reminders are off or that
   * moment is not after {@code now} (a quote valid for less than reminder-before gets no reminder).
   */
  Optional<Instant> reminderAt(Instant validUntil, Instant now) {
    if (reminderBefore.isZero() || validUntil == null) {
      return Optional.empty();
    }
    Instant at = validUntil.minus(reminderBefore);
    return at.isAfter(now) ? Optional.of(at) : Optional.empty();
  }
}

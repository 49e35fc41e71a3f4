package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;
import static io.crmflow.quote.QuoteApprovalProcess.REMINDER_AT;
import static io.crmflow.quote.QuoteApprovalProcess.VALID_UNTIL;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Moves the quote to the task's {@code status} field (SENT, REJECTED, ACCEPTED, DECLINED, EXPIRED)
 * with what goes with it (validity, opportunity won or lost), so each outcome is a visible task.
 * SENT writes back {@code validUntil} for the expiry timer and {@code reminderAt} (or null: no time for one)
 * for the reminder.
 * Prototype scope: Camunda injects the field into the bean it resolves, per task; public so it can.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class QuoteStatusDelegate implements JavaDelegate {

  private final QuoteService quoteService;
  private final QuoteReminderProperties reminders;
  private Expression status;

  QuoteStatusDelegate(QuoteService quoteService, QuoteReminderProperties reminders) {
    this.quoteService = quoteService;
    this.reminders = reminders;
  }

  public void setStatus(Expression status) {
    this.status = status;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String quoteId = QUOTE_ID.get(execution);
    switch (QuoteStatus.valueOf(String.valueOf(status.getValue(execution)))) {
      case SENT -> {
        Instant validUntil = quoteService.markSent(quoteId);
        VALID_UNTIL.set(execution, Date.from(validUntil));
        REMINDER_AT.set(execution, reminders.reminderAt(validUntil, Instant.now()).map(Date::from).orElse(null));
      }
      case REJECTED -> quoteService.reject(quoteId);
      case ACCEPTED -> quoteService.accept(quoteId);
      case DECLINED -> quoteService.decline(quoteId);
      case EXPIRED -> quoteService.expire(quoteId);
      default -> throw new IllegalStateException("A quote cannot be moved to " + status.getValue(execution));
    }
  }
}

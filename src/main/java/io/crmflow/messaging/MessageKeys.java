package io.crmflow.messaging;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Identifies one visit of a sending step: process instance, activity and the job running it.
 * A retried job keeps its id, so every retry of a step maps to the same key (and Message-ID);
 * a second visit of the same step (a loop, a reopened case) is a new job and a new message.
 * Without a job (a synchronous step) the activity instance identifies the visit.
 */
public final class MessageKeys {

  private static final Pattern NOT_IN_MESSAGE_ID = Pattern.compile("[^A-Za-z0-9.-]");

  private MessageKeys() {
  }

  public static String of(DelegateExecution execution) {
    CommandContext commandContext = Context.getCommandContext();
    JobEntity job = commandContext == null ? null : commandContext.getCurrentJob();
    String visit = job != null ? "job-" + job.getId() : "act-" + execution.getActivityInstanceId();
    return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + visit;
  }

  /** For a step writing to several recipients: one key per recipient. */
  public static String of(DelegateExecution execution, String recipientKey) {
    return of(execution) + ":" + recipientKey;
  }

  /** An RFC 5322 Message-ID derived from the key, so a resend is recognisable as the same message. */
  public static String messageId(String messageKey) {
    return "<" + NOT_IN_MESSAGE_ID.matcher(messageKey).replaceAll(".") + "@crmflow>";
  }
}

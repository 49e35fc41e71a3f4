package io.crmflow.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Message-IDs derived from where in a process a message is sent, so the same step of the same
 * instance always produces the same Message-ID: a resend after a crash is recognisable.
 */
public final class MessageIds {

  private MessageIds() {
  }

  public static String of(DelegateExecution execution) {
    return "<" + execution.getProcessInstanceId() + "." + execution.getCurrentActivityId() + "@crmflow>";
  }

  /** For a step that writes to several recipients: one id per recipient. */
  public static String of(DelegateExecution execution, String recipientKey) {
    return "<" + execution.getProcessInstanceId() + "." + execution.getCurrentActivityId() + "."
        + recipientKey.replaceAll("[^A-Za-z0-9_-]", "_") + "@crmflow>";
  }
}

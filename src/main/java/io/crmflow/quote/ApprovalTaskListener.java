package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.APPROVED;
import static io.crmflow.quote.QuoteApprovalProcess.QUOTE_ID;
import static io.crmflow.quote.QuoteApprovalProcess.REASON;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On the "Approve quote" tasks. Create: clears the previous approver's answer, so the director's
 * form does not open pre-ticked by the manager's approval. Complete: requires an answer and, for a
 * rejection, a reason, which goes to the quote (crm_quote) and out of the process variables.
 */
@Component
class ApprovalTaskListener implements TaskListener {

  static final int MAX_REASON_LENGTH = 2000;

  private final QuoteService quoteService;
  private final IdentityService identityService;

  ApprovalTaskListener(QuoteService quoteService, IdentityService identityService) {
    this.quoteService = quoteService;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.getExecution().removeVariable(APPROVED.name());
      task.getExecution().removeVariable(REASON.name());
      return;
    }
    Boolean approved = APPROVED.getOrNull(task);
    if (approved == null) {
      throw new ProcessEngineException("Approve or reject the quote (variable 'approved')");
    }
    String reason = REASON.getOrNull(task);
    if (!approved) {
      if (reason == null || reason.isBlank()) {
        throw new ProcessEngineException("A rejected quote needs a reason (variable 'reason')");
      }
      String text = reason.strip();
      quoteService.recordRejection(QUOTE_ID.get(task), text.length() > MAX_REASON_LENGTH
          ? text.substring(0, MAX_REASON_LENGTH) : text, approver(task));
    }
    if (reason != null) {
      // blanked first: a removed variable keeps its last value in ACT_HI_VARINST (state DELETED)
      REASON.set(task.getExecution(), null);
      task.getExecution().removeVariable(REASON.name());
    }
  }

  private String approver(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication current = identityService.getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }
}

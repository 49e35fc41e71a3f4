package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;
import static io.crmflow.lead.LeadIntakeProcess.REVIEW_NOTE;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completion of "Review lead": remembers who reviewed it — the assignee, else the user who
 * completed the task — so the opportunity gets an owner; and moves the free-text review note from
 * the form variable into crm_lead, blanking the variable before the transaction commits (a removed
 * variable keeps its last value in the history), so the note never reaches Camunda's tables.
 */
@Component
class ReviewCompletedListener implements TaskListener {

  static final int MAX_NOTE_LENGTH = 2000;

  private final IdentityService identityService;
  private final LeadRepository leads;

  ReviewCompletedListener(IdentityService identityService, LeadRepository leads) {
    this.identityService = identityService;
    this.leads = leads;
  }

  @Override
  public void notify(DelegateTask task) {
    String reviewer = task.getAssignee();
    if (reviewer == null) {
      Authentication current = identityService.getCurrentAuthentication();
      reviewer = current == null ? null : current.getUserId();
    }
    if (reviewer == null) {
      throw new IllegalStateException("Review task " + task.getId() + " completed without assignee or user");
    }
    REVIEWER.set(task.getExecution(), reviewer);
    String note = REVIEW_NOTE.getOrNull(task);
    if (note != null) {
      String text = note.strip();
      leads.recordReviewNote(LEAD_ID.get(task.getExecution()), text.isEmpty() ? null
          : text.substring(0, Math.min(text.length(), MAX_NOTE_LENGTH)));
      REVIEW_NOTE.set(task.getExecution(), null);
      task.getExecution().removeVariable(REVIEW_NOTE.name());
    }
  }
}

package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.REVIEWER;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completion of "Review lead": remembers who reviewed it — the assignee, else the user who
 * completed the task — so the opportunity gets an owner.
 */
@Component
class ReviewCompletedListener implements TaskListener {

  private final IdentityService identityService;

  ReviewCompletedListener(IdentityService identityService) {
    this.identityService = identityService;
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
  }
}

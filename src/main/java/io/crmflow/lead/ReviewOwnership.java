package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;

import io.crmflow.audit.AuditLog;
import io.crmflow.process.RecordChange;
import io.crmflow.shared.RecordType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a lead's owner and its "Review lead" task's assignee in step, whichever changes: a reviewer who
 * claims or reassigns the task in Tasklist becomes the lead's owner (audited as {@code lead.owner-changed});
 * a new owner set on the lead ({@code PATCH /api/leads/{id}}) becomes the assignee of its open review.
 */
@Component("reviewAssignedListener")
class ReviewOwnership implements TaskListener {

  static final String AUDIT_ACTION = "lead.owner-changed";

  private final LeadService leads;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final AuditLog auditLog;

  ReviewOwnership(LeadService leads, TaskService taskService, IdentityService identityService, AuditLog auditLog) {
    this.leads = leads;
    this.taskService = taskService;
    this.identityService = identityService;
    this.auditLog = auditLog;
  }

  /** "Review lead", event assignment: the task's new assignee owns the lead. */
  @Override
  public void notify(DelegateTask task) {
    String leadId = LEAD_ID.get(task.getExecution());
    if (leads.changeOwner(leadId, task.getAssignee())) {
      Authentication current = identityService.getCurrentAuthentication();
      Map<String, Object> details = new HashMap<>();
      details.put("owner", task.getAssignee());
      details.put("taskId", task.getId());
      auditLog.record(current == null ? null : current.getUserId(), AUDIT_ACTION, RecordType.LEAD, leadId,
          task.getProcessInstanceId(), details);
    }
  }

  /** Lead.OwnerChanged: the lead's open review, if any, goes to its new owner. */
  @EventListener
  void onOwnerChanged(RecordChange change) {
    if (!RecordType.LEAD.label().equals(change.entity())
        || !LeadChangeMessages.OWNER_CHANGED.equals(change.change())) {
      return;
    }
    String owner = (String) change.facts().get("owner");
    Task review = taskService.createTaskQuery().processDefinitionKey(LeadIntakeProcess.KEY)
        .processInstanceBusinessKey(change.recordId()).taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD)
        .singleResult();
    if (review != null && !Objects.equals(review.getAssignee(), owner)) {
      taskService.setAssignee(review.getId(), owner);
    }
  }
}

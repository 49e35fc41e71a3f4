package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.SCORE;
import static io.crmflow.lead.LeadIntakeProcess.TASK_REVIEW_LEAD;

import io.crmflow.messaging.Channel;
import io.crmflow.messaging.MessageService;
import io.crmflow.security.StaffDirectory;
import io.crmflow.tasklist.TasklistLinks;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Notify sales managers": a hot lead's review is overdue. Every sales manager gets one email; the
 * salesperson who claimed the review (its owner), if they have a mobile number, gets an SMS.
 */
@Component
class NotifySalesManagersDelegate implements JavaDelegate {

  static final String SALES_MANAGERS = "sales-managers";
  private static final Logger log = LoggerFactory.getLogger(NotifySalesManagersDelegate.class);

  private final TaskService taskService;
  private final StaffDirectory staff;
  private final MessageService messages;
  private final LeadIntakeSettings settings;
  private final TasklistLinks tasklistLinks;

  NotifySalesManagersDelegate(TaskService taskService, StaffDirectory staff, MessageService messages,
      LeadIntakeSettings settings, TasklistLinks tasklistLinks) {
    this.taskService = taskService;
    this.staff = staff;
    this.messages = messages;
    this.settings = settings;
    this.tasklistLinks = tasklistLinks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Task review = taskService.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(TASK_REVIEW_LEAD)
        .singleResult();
    if (review == null) {
      log.info("Review of {} finished before the escalation ran; nobody to remind", execution.getBusinessKey());
      return;
    }
    Map<String, Object> model = Map.of(
        "score", SCORE.get(execution),
        "serviceLevel", settings.reviewServiceLevel(),
        "waitingSince", review.getCreateTime().toInstant().toString(),
        "taskUrl", tasklistLinks.task(review.getId()));
    messages.sendToGroup(execution, Channel.EMAIL, "review-overdue", staff.membersOf(SALES_MANAGERS), "group", model);
    if (review.getAssignee() != null) {
      staff.user(review.getAssignee()).filter(owner -> owner.phone() != null)
          .ifPresent(owner -> messages.sendToStaff(execution, Channel.SMS, "review-overdue", owner, "user", model));
    }
  }
}

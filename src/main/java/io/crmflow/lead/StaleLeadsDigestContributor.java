package io.crmflow.lead;

import io.crmflow.messaging.TemplateModelContributor;
import io.crmflow.tasklist.TasklistLinks;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import io.crmflow.web.PublicUrl;
import org.springframework.stereotype.Component;

/**
 * The stale-leads digest's list: names and companies are personal data, so they are read from
 * crm_lead when the email is rendered instead of travelling in process variables. Each lead links to
 * its review task in Tasklist (overdue reviews) and to the lead itself.
 */
@Component
class StaleLeadsDigestContributor implements TemplateModelContributor {

  private final StaleLeads staleLeads;
  private final LeadIntakeSettings intakeSettings;
  private final StaleLeadSettings settings;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final TasklistLinks tasklistLinks;
  private final PublicUrl publicUrl;

  StaleLeadsDigestContributor(StaleLeads staleLeads, LeadIntakeSettings intakeSettings, StaleLeadSettings settings,
      TaskService taskService, RepositoryService repositoryService, TasklistLinks tasklistLinks,
      PublicUrl publicUrl) {
    this.staleLeads = staleLeads;
    this.intakeSettings = intakeSettings;
    this.settings = settings;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.tasklistLinks = tasklistLinks;
    this.publicUrl = publicUrl;
  }

  @Override
  public void contribute(DelegateExecution execution, Map<String, Object> model) {
    if (!StaleLeadSweepProcess.TASK_SEND_DIGEST.equals(execution.getCurrentActivityId())
        || !StaleLeadSweepProcess.KEY.equals(
            repositoryService.getProcessDefinition(execution.getProcessDefinitionId()).getKey())) {
      return;
    }
    Instant now = Instant.now();
    StaleLeads.Counts counts = staleLeads.count(now);
    List<StaleLeads.StaleLead> overdue = staleLeads.overdueReviews(now);
    Map<String, String> reviewTasks = reviewTasks(overdue);
    model.put("overdueReviews", overdue.stream().map(lead -> entry(lead, reviewTasks.get(lead.processInstanceId())))
        .toList());
    model.put("inactiveLeads", staleLeads.inactiveLeads(now).stream().map(lead -> entry(lead, null)).toList());
    model.put("overdueReviewTotal", counts.overdueReviews());
    model.put("inactiveLeadTotal", counts.inactiveLeads());
    model.put("serviceLevel", intakeSettings.reviewServiceLevel());
    model.put("inactiveAfter", settings.getInactiveAfter().toString());
  }

  /** The open "Review lead" task of each listed lead's intake: one query for all of them. */
  private Map<String, String> reviewTasks(List<StaleLeads.StaleLead> leads) {
    String[] intakes = leads.stream().map(StaleLeads.StaleLead::processInstanceId)
        .filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
    if (intakes.length == 0) {
      return Map.of();
    }
    return taskService.createTaskQuery().processInstanceIdIn(intakes)
        .taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD).list().stream()
        .collect(Collectors.toMap(Task::getProcessInstanceId, Task::getId, (first, second) -> first));
  }

  private Map<String, Object> entry(StaleLeads.StaleLead lead, String taskId) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("name", lead.name());
    entry.put("company", lead.company());
    entry.put("status", lead.status());
    entry.put("since", lead.since().toString());
    entry.put("leadUrl", publicUrl.link("/app/leads/" + lead.id()));
    entry.put("taskUrl", taskId == null ? null : tasklistLinks.task(taskId));
    return entry;
  }
}

package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.LEAD_ID;
import static io.crmflow.lead.LeadIntakeProcess.OWNER;
import static io.crmflow.lead.LeadIntakeProcess.TEAM;

import io.crmflow.assignment.AssignmentProperties;
import io.crmflow.assignment.Availability;
import io.crmflow.assignment.TeamRotation;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Assign owner": the lead's reviewer is the next member of the routed team in turn who is available and
 * holds fewer than {@code crmflow.assignment.max-open-reviews} open reviews; a lead that already has an
 * available owner (set by hand before it turned hot) keeps them. Nobody free: no owner, the team's
 * managers are told and the task waits for the team.
 */
@Component
class AssignLeadOwnerDelegate implements JavaDelegate {

  private final LeadService leads;
  private final TeamRotation rotation;
  private final Availability availability;
  private final AssignmentProperties properties;
  private final TaskService taskService;

  AssignLeadOwnerDelegate(LeadService leads, TeamRotation rotation, Availability availability,
      AssignmentProperties properties, TaskService taskService) {
    this.leads = leads;
    this.rotation = rotation;
    this.availability = availability;
    this.properties = properties;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.get(LEAD_ID.get(execution));
    Optional<String> owner = lead.owner() != null && availability.takesWorkNow(lead.owner())
        ? Optional.of(lead.owner())
        : rotation.next(TEAM.get(execution), user -> openReviews(user) < properties.maxOpenReviews());
    owner.ifPresent(user -> leads.changeOwner(lead.id(), user));
    OWNER.set(execution, owner.orElse(null));
  }

  private long openReviews(String userId) {
    return taskService.createTaskQuery().processDefinitionKey(LeadIntakeProcess.KEY)
        .taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD).taskAssignee(userId).count();
  }
}

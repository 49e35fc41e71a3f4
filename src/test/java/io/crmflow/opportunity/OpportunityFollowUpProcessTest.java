package io.crmflow.opportunity;

import static io.crmflow.opportunity.OpportunityFollowUpProcess.END_FOLLOWED_UP;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.END_OPPORTUNITY_LOST;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.END_OPPORTUNITY_WON;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.END_QUOTE_CREATED;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.EVENT_OPPORTUNITY_LOST;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.EVENT_OPPORTUNITY_WON;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.EVENT_QUOTE_CREATED;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.OUTCOME;
import static io.crmflow.opportunity.OpportunityFollowUpProcess.TASK_FOLLOW_UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.crmflow.calendar.BusinessHours;
import io.crmflow.lead.LeadQualification;
import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.quote.QuoteRequest;
import io.crmflow.quote.QuoteService;
import io.crmflow.testsupport.ProcessTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/opportunity-follow-up.bpmn: started by Opportunity.Opened, ended by the owner or the deal. */
@ProcessTest
class OpportunityFollowUpProcessTest {

  private static final String OWNER = "sam";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired LeadService leadService;
  @Autowired LeadQualification leadQualification;
  @Autowired BusinessHours businessHours;
  @Autowired OpportunityService opportunityService;
  @Autowired QuoteService quoteService;

  private String leadId;
  private Opportunity opportunity;
  private ProcessInstance followUp;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
    leadId = leadService.submit(new LeadSubmission("Grace Hopper", "grace." + UUID.randomUUID() + "@example.org",
        null, "Navy Labs", null, null, null, null, false, null, null), "test").receipt().leadId();
    opportunity = leadQualification.qualify(leadId, OWNER);
    followUp = runtimeService.createProcessInstanceQuery().processDefinitionKey(OpportunityFollowUpProcess.KEY)
        .processInstanceBusinessKey(opportunity.id()).singleResult();
    assertThat(followUp).as("Opportunity.Opened starts the follow-up").isNotNull();
    assertThat(followUp).isStarted().hasBusinessKey(opportunity.id()); // also makes it task()'s instance
  }

  @Test
  void shouldGiveTheOwnerAFollowUpTaskDueAfterTheFirstContactPeriod() {
    assertThat(followUp).isWaitingAt(TASK_FOLLOW_UP);
    Task followUpTask = taskService.createTaskQuery().processInstanceId(followUp.getId()).initializeFormKeys()
        .singleResult();
    assertThat(followUpTask).isAssignedTo(OWNER).hasName("Follow up");
    // bpm-assert's hasCandidateGroup wants an unassigned task: the team is the fallback behind the owner
    assertThat(taskService.getIdentityLinksForTask(followUpTask.getId()))
        .anySatisfy(link -> {
          assertThat(link.getType()).isEqualTo(IdentityLinkType.CANDIDATE);
          assertThat(link.getGroupId()).isEqualTo("sales");
        });
    assertThat(followUpTask.getCamundaFormRef().getKey()).isEqualTo(OpportunityFollowUpProcess.FORM);
    // crmflow.followup.first-contact, P2D by default: two working days of the sales team from the task's creation
    assertThat(followUpTask.getDueDate())
        .isEqualTo(businessHours.due("sales", "P2D", followUpTask.getCreateTime()))
        .isAfterOrEqualTo(Date.from(followUpTask.getCreateTime().toInstant().plus(Duration.ofDays(2))));
  }

  @Test
  void shouldStartOneFollowUpPerOpportunityHoweverOftenItIsOpened() {
    Opportunity again = leadQualification.openOpportunity(leadId, OWNER);

    assertThat(again.id()).isEqualTo(opportunity.id());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(OpportunityFollowUpProcess.KEY)
        .processInstanceBusinessKey(opportunity.id()).count()).isEqualTo(1);
  }

  @Test
  void shouldEndWhenTheOwnerHasFollowedUp() {
    complete(task(), withVariables(OUTCOME.name(), "contacted"));

    assertThat(followUp).isEnded().hasPassed(TASK_FOLLOW_UP, END_FOLLOWED_UP)
        .hasNotPassed(EVENT_QUOTE_CREATED, EVENT_OPPORTUNITY_WON, EVENT_OPPORTUNITY_LOST);
    assertThat(followUp).variables().containsEntry(OUTCOME.name(), "contacted");
    // a quote made afterwards finds nobody waiting, and that is fine
    quoteService.create(opportunity.id(), quoteRequest(), OWNER);
    assertThat(followUp).hasNotPassed(EVENT_QUOTE_CREATED);
  }

  @Test
  void shouldEndByItselfWhenTheOpportunityIsQuoted() {
    quoteService.create(opportunity.id(), quoteRequest(), OWNER);

    assertThat(followUp).isEnded().hasPassed(EVENT_QUOTE_CREATED, END_QUOTE_CREATED).hasNotPassed(END_FOLLOWED_UP);
    assertThat(taskService.createTaskQuery().processInstanceId(followUp.getId()).count()).isZero();
  }

  @Test
  void shouldEndByItselfWhenTheOpportunityIsWon() {
    opportunityService.markWon(opportunity.id());

    assertThat(followUp).isEnded().hasPassed(EVENT_OPPORTUNITY_WON, END_OPPORTUNITY_WON)
        .hasNotPassed(END_FOLLOWED_UP, END_OPPORTUNITY_LOST);
    assertThat(taskService.createTaskQuery().processInstanceId(followUp.getId()).count()).isZero();
  }

  @Test
  void shouldEndByItselfWhenTheOpportunityIsLost() {
    opportunityService.markLost(opportunity.id());

    assertThat(followUp).isEnded().hasPassed(EVENT_OPPORTUNITY_LOST, END_OPPORTUNITY_LOST)
        .hasNotPassed(END_FOLLOWED_UP, END_OPPORTUNITY_WON);
  }

  @Test
  void shouldKeepOnlyIdsAndFactsInProcessVariables() {
    complete(task(), withVariables(OUTCOME.name(), "unreachable"));

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(followUp.getId()).list())
        .isNotEmpty()
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
            .doesNotContain("Grace", "Hopper", "grace.", "example.org", "Navy"));
  }

  private static QuoteRequest quoteRequest() {
    return new QuoteRequest(List.of(new QuoteRequest.LineItem("Support plan", 1, new BigDecimal("100.00"))),
        BigDecimal.ZERO, null);
  }
}

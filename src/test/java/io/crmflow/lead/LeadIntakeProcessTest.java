package io.crmflow.lead;

import static io.crmflow.lead.LeadIntakeProcess.END_LEAD_DISQUALIFIED;
import static io.crmflow.lead.LeadIntakeProcess.END_LEAD_NURTURING;
import static io.crmflow.lead.LeadIntakeProcess.END_LEAD_QUALIFIED;
import static io.crmflow.lead.LeadIntakeProcess.END_NURTURE_REQUESTED;
import static io.crmflow.lead.LeadIntakeProcess.END_REVIEW_ESCALATED;
import static io.crmflow.lead.LeadIntakeProcess.GATEWAY_WELCOME_DUE;
import static io.crmflow.lead.LeadIntakeProcess.QUALIFIED;
import static io.crmflow.lead.LeadIntakeProcess.REVIEW_NOTE;
import static io.crmflow.lead.LeadIntakeProcess.START_LEAD_RESCORED_HOT;
import static io.crmflow.lead.LeadIntakeProcess.TASK_CREATE_OPPORTUNITY;
import static io.crmflow.lead.LeadIntakeProcess.TASK_DISQUALIFY_LEAD;
import static io.crmflow.lead.LeadIntakeProcess.TASK_MARK_LEAD_IN_REVIEW;
import static io.crmflow.lead.LeadIntakeProcess.TASK_MARK_LEAD_QUALIFIED;
import static io.crmflow.lead.LeadIntakeProcess.TASK_MOVE_LEAD_TO_NURTURING;
import static io.crmflow.lead.LeadIntakeProcess.TASK_NOTIFY_LEAD_OWNER;
import static io.crmflow.lead.LeadIntakeProcess.TASK_NOTIFY_OPPORTUNITY_OWNER;
import static io.crmflow.lead.LeadIntakeProcess.TASK_NOTIFY_TEAM_UNASSIGNED;
import static io.crmflow.lead.LeadIntakeProcess.TASK_NOTIFY_SALES_MANAGERS;
import static io.crmflow.lead.LeadIntakeProcess.TASK_READ_ROUTING_FACTS;
import static io.crmflow.lead.LeadIntakeProcess.TASK_READ_SCORING_FACTS;
import static io.crmflow.lead.LeadIntakeProcess.TASK_RECORD_SCORE;
import static io.crmflow.lead.LeadIntakeProcess.TASK_REVIEW_LEAD;
import static io.crmflow.lead.LeadIntakeProcess.TASK_ROUTE_LEAD;
import static io.crmflow.lead.LeadIntakeProcess.TASK_SCORE_LEAD;
import static io.crmflow.lead.LeadIntakeProcess.TASK_SEND_WELCOME_EMAIL;
import static io.crmflow.lead.LeadIntakeProcess.TEAM;
import static io.crmflow.lead.LeadIntakeProcess.TIMER_REVIEW_OVERDUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.crmflow.assignment.Availability;
import io.crmflow.audit.AuditLog;
import io.crmflow.messaging.Channel;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/lead-intake.bpmn, with the job executor off and each job executed by the test. */
@ProcessTest
class LeadIntakeProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired LeadService leadService;
  @Autowired OpportunityService opportunityService;
  @Autowired MessageLog messageLog;
  @Autowired Availability availability;
  @Autowired AuditLog auditLog;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  private static Date inBerlin(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Berlin")).toInstant());
  }

  @Test
  void shouldQualifyHotLead() {
    ClockUtil.setCurrentTime(inBerlin("2025-06-16T09:00")); // a Monday
    ProcessInstance intake = submit(hotLead());
    String leadId = intake.getBusinessKey();

    sendWelcomeEmail(intake);
    assertThat(intake).isWaitingAt(TASK_REVIEW_LEAD)
        .hasPassedInOrder(TASK_SCORE_LEAD, TASK_MARK_LEAD_IN_REVIEW, TASK_READ_ROUTING_FACTS, TASK_ROUTE_LEAD);
    assertThat(intake).variables().containsEntry(TEAM.name(), "sales");
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(task().getId()))
        .as("the team lead-routing.dmn chose reviews it if its owner does not")
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sales"));
    assertThat(task()).as("sam, the one salesperson, is next in turn").isAssignedTo("sam");
    assertThat(leadService.get(leadId).owner()).as("the lead's owner is the review's assignee").isEqualTo("sam");
    assertThat(TestSmtp.messagesTo("sam@crmflow.example")).singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Lead to review: Ada Lovelace"));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(intake.getId()).list())
        .as("the routing facts stay in the routing transaction").extracting(HistoricVariableInstance::getName)
        .doesNotContain("country", "locale");
    Task review = processEngine.getTaskService().createTaskQuery().taskId(task().getId()).initializeFormKeys()
        .singleResult();
    assertThat(review.getCamundaFormRef().getKey()).isEqualTo("review-lead");
    // PT24H in business hours (sales has none of its own: the default calendar, Berlin in the test profile):
    // Monday 09:00-17:00, Tuesday 08:00-17:00, Wednesday 08:00-15:00; the escalation timer counts the same
    assertThat(review.getDueDate()).isEqualTo(inBerlin("2025-06-18T15:00"));
    assertThat(job(TIMER_REVIEW_OVERDUE).getDuedate()).isEqualTo(inBerlin("2025-06-18T15:00"));
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.IN_REVIEW);
    assertThat(leadService.get(leadId).score()).isEqualTo(100);
    assertThat(leadService.get(leadId).rating()).isEqualTo("hot");

    claim(task(), "sam");
    complete(task(), withVariables(QUALIFIED.name(), true, REVIEW_NOTE.name(), "Budget confirmed"));
    assertThat(leadService.reviewNote(leadId)).as("the note moves to crm_lead").isEqualTo("Budget confirmed");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(intake.getId())
        .variableName(REVIEW_NOTE.name()).list()).allSatisfy(variable -> assertThat(variable.getValue()).isNull());
    assertThat(intake).isWaitingAt(TASK_NOTIFY_OPPORTUNITY_OWNER)
        .hasPassedInOrder(TASK_MARK_LEAD_QUALIFIED, TASK_CREATE_OPPORTUNITY);
    execute(job());

    assertThat(intake).isEnded().hasPassed(END_LEAD_QUALIFIED).hasNotPassed(TASK_DISQUALIFY_LEAD);
    Opportunity opportunity = opportunityService.forLead(leadId).orElseThrow();
    assertThat(opportunity.owner()).isEqualTo("sam");
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.QUALIFIED);
    assertThat(TestSmtp.messagesTo("sam@crmflow.example")).extracting(MimeMessage::getSubject)
        .containsExactly("Lead to review: Ada Lovelace", "New opportunity: Ada Lovelace");
  }

  @Test
  void shouldMakeTheCompletingUserOwnerWhenNobodyWasFreeToOwnTheReview() {
    availability.set("sam", new Availability.Status(false, null));
    ProcessInstance intake;
    try {
      intake = submit(hotLead());
      sendWelcomeEmail(intake);
    } finally {
      availability.set("sam", new Availability.Status(true, null));
    }
    assertThat(intake).hasPassed(TASK_NOTIFY_TEAM_UNASSIGNED).hasNotPassed(TASK_NOTIFY_LEAD_OWNER);
    assertThat(task()).as("sam is away: the review waits for the team").isNotAssigned();
    assertThat(TestSmtp.messagesTo("mia@crmflow.example")).extracting(MimeMessage::getSubject)
        .containsExactly("Nobody free to review: Ada Lovelace");

    Task review = task();
    identityService.setAuthentication("mia", List.of("sales-managers"));
    complete(review, withVariables(QUALIFIED.name(), true));
    identityService.clearAuthentication();
    execute(job());

    assertThat(intake).isEnded().hasPassed(END_LEAD_QUALIFIED);
    assertThat(opportunityService.forLead(intake.getBusinessKey())).map(Opportunity::owner).contains("mia");
  }

  @Test
  void shouldKeepTheLeadsOwnerAndTheReviewsAssigneeInStep() {
    ProcessInstance intake = submit(hotLead());
    sendWelcomeEmail(intake);
    String leadId = intake.getBusinessKey();
    assertThat(task()).isAssignedTo("sam");

    leadService.update(leadId, new LeadChanges(null, null, null, null, null, null, null, "mia", null),
        java.util.Set.of("owner"));
    assertThat(task()).as("a new owner set on the lead takes its review").isAssignedTo("mia");

    // an admin reassigns it in Tasklist
    identityService.setAuthentication("admin", List.of("camunda-admin"));
    processEngine.getTaskService().setAssignee(task().getId(), "sam");
    identityService.clearAuthentication();
    assertThat(leadService.get(leadId).owner()).as("the review's new assignee owns the lead").isEqualTo("sam");
    assertThat(auditLog.find(new AuditLog.Query(leadId, "lead", "admin", null, null, 10)))
        .singleElement().satisfies(entry -> {
          assertThat(entry.action()).isEqualTo("lead.owner-changed");
          assertThat(entry.details()).contains("\"owner\":\"sam\"");
        });
  }

  @Test
  void shouldDisqualifyHotLeadTheReviewerRejects() {
    ProcessInstance intake = submit(hotLead());
    sendWelcomeEmail(intake);

    claim(task(), "sam");
    complete(task(), withVariables(QUALIFIED.name(), false, REVIEW_NOTE.name(), "Student project"));

    assertThat(intake).isEnded().hasPassed(TASK_DISQUALIFY_LEAD, END_LEAD_DISQUALIFIED)
        .hasNotPassed(TASK_CREATE_OPPORTUNITY);
    assertThat(leadService.get(intake.getBusinessKey()).status()).isEqualTo(LeadStatus.DISQUALIFIED);
    assertThat(opportunityService.forLead(intake.getBusinessKey())).isEmpty();
  }

  @Test
  void shouldNurtureWarmLeadAndStartItsNurtureSequence() {
    // webinar 20 + company of 200 20 = 40: warm
    ProcessInstance intake = submit(lead(LeadSource.WEBINAR, 200, null));
    sendWelcomeEmail(intake);

    assertThat(intake).isEnded().hasPassed(TASK_MOVE_LEAD_TO_NURTURING, END_NURTURE_REQUESTED)
        .hasNotPassed(TASK_REVIEW_LEAD, END_LEAD_NURTURING);
    Lead lead = leadService.get(intake.getBusinessKey());
    assertThat(lead.rating()).isEqualTo("warm");
    assertThat(lead.score()).isEqualTo(40);
    assertThat(lead.status()).isEqualTo(LeadStatus.NURTURING);
    ProcessInstance nurture = runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(intake.getBusinessKey()).singleResult();
    assertThat(nurture).as("LeadNurtureRequested started the sequence").isNotNull()
        .isWaitingAt(LeadNurtureProcess.TIMER_FOLLOW_UP_1_DUE);
  }

  @Test
  void shouldKeepColdLeadWithoutMarketingConsentInNurturingWithoutASequence() {
    ProcessInstance intake = submit(lead(LeadSource.OTHER, null, null, false));
    sendWelcomeEmail(intake);

    assertThat(intake).isEnded().hasPassed(END_LEAD_NURTURING).hasNotPassed(END_NURTURE_REQUESTED);
    assertThat(leadService.get(intake.getBusinessKey()).rating()).isEqualTo("cold");
    assertThat(leadService.get(intake.getBusinessKey()).status()).isEqualTo(LeadStatus.NURTURING);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(intake.getBusinessKey()).count()).isZero();
  }

  @Test
  void shouldReviewANurturedLeadReScoredHotInTheSameReviewTask() {
    ProcessInstance intake = submit(lead(LeadSource.OTHER, null, null, false));
    sendWelcomeEmail(intake);
    String leadId = intake.getBusinessKey();

    // referral 30 + 1000 employees 30 + budget 100 000 40 = 100
    leadService.update(leadId, new LeadChanges(null, null, null, 1000, new BigDecimal("100000"), LeadSource.REFERRAL, null,
        null, null), java.util.Set.of("companySize", "budget", "source"));

    ProcessInstance review = runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadIntakeProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
    tellTheReviewer(review);
    assertThat(review).hasPassed(START_LEAD_RESCORED_HOT, TASK_MARK_LEAD_IN_REVIEW).isWaitingAt(TASK_REVIEW_LEAD)
        .hasNotPassed(TASK_SCORE_LEAD, TASK_SEND_WELCOME_EMAIL);
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.IN_REVIEW);
    assertThat(leadService.get(leadId).score()).isEqualTo(100);

    claim(task(review), "sam");
    complete(task(review), withVariables(QUALIFIED.name(), true));
    execute(job(review));
    assertThat(review).isEnded().hasPassed(END_LEAD_QUALIFIED);
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.QUALIFIED);
  }

  @Test
  void shouldSkipTheWelcomeEmailForAContactWelcomedWithinTheInterval() {
    LeadSubmission submission = lead(LeadSource.OTHER, null, null, false);
    ProcessInstance first = submit(submission);
    sendWelcomeEmail(first);
    leadService.update(first.getBusinessKey(), new LeadChanges(null, null, null, null, null, null, null, null,
        LeadStatus.DISQUALIFIED), java.util.Set.of("status"));

    ProcessInstance second = submit(submission);
    assertThat(second.getBusinessKey()).as("a new lead").isNotEqualTo(first.getBusinessKey());
    assertThat(leadService.get(second.getBusinessKey()).contactId()).as("of the same person")
        .isEqualTo(leadService.get(first.getBusinessKey()).contactId());
    execute(job(second));

    assertThat(second).isEnded().hasPassed(GATEWAY_WELCOME_DUE, END_LEAD_NURTURING)
        .hasNotPassed(TASK_SEND_WELCOME_EMAIL);
    assertThat(TestSmtp.messagesTo(submission.email())).as("welcomed once").hasSize(1);
  }

  @Test
  void shouldRemindSalesManagersOnceWhenTheReviewIsOverdue() {
    ProcessInstance intake = submit(hotLead());
    sendWelcomeEmail(intake);

    execute(job(TIMER_REVIEW_OVERDUE));
    assertThat(intake).isWaitingAt(TASK_REVIEW_LEAD, TASK_NOTIFY_SALES_MANAGERS);
    execute(job(TASK_NOTIFY_SALES_MANAGERS));

    assertThat(intake).hasPassed(END_REVIEW_ESCALATED).isWaitingAt(TASK_REVIEW_LEAD);
    assertThat(TestSmtp.messagesTo("mia@crmflow.example")).hasSize(1);
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(intake.getId()).count())
        .as("the non-interrupting timer fires once").isZero();
  }

  @Test
  void shouldTextTheSalespersonWhoClaimedAnOverdueReview() {
    ProcessInstance intake = submit(hotLead());
    sendWelcomeEmail(intake);
    claim(task(), "sam");

    execute(job(TIMER_REVIEW_OVERDUE));
    execute(job(TASK_NOTIFY_SALES_MANAGERS));

    assertThat(messageLog.forRecord("sam", 10)).filteredOn(m -> m.processInstanceId().equals(intake.getId()))
        .filteredOn(message -> message.channel() == Channel.SMS)
        .singleElement()
        .satisfies(sms -> {
          assertThat(sms.channel()).isEqualTo(Channel.SMS);
          assertThat(sms.recipient()).isEqualTo("+12025550143");
          assertThat(sms.status()).isEqualTo(MessageStatus.SENT);
        });
  }

  @Test
  void shouldKeepOnlyIdsAndRoutingFactsInProcessVariables() {
    ProcessInstance intake = submit(hotLead());
    sendWelcomeEmail(intake);

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(intake.getId()).list())
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
            .doesNotContain("Ada", "ada.", "example.org", "+44"));
  }

  private ProcessInstance submit(LeadSubmission submission) {
    IntakeReceipt receipt = leadService.submit(submission, "test").receipt();
    return runtimeService.createProcessInstanceQuery().processInstanceId(receipt.processInstanceId()).singleResult();
  }

  /**
   * The request only stores the lead and starts the instance; scoring is the first job, the
   * welcome email its own job, which goes on to the next wait state (the message log, not a job
   * boundary, keeps a retry of that job from sending again).
   */
  private void sendWelcomeEmail(ProcessInstance intake) {
    assertThat(intake).isWaitingAt(TASK_READ_SCORING_FACTS);
    execute(job());
    assertThat(intake).isWaitingAt(TASK_SEND_WELCOME_EMAIL).hasPassed(TASK_SCORE_LEAD, TASK_RECORD_SCORE);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(intake.getId()).list())
        .as("the decision's inputs and result, and whether the welcome is due, stay in the job's transaction; "
            + "the decision's outputs are kept")
        .extracting(HistoricVariableInstance::getName)
        .doesNotContain("source", "companySize", "budget", "decisionResult", "welcomeDue")
        .contains("score", "rating", "marketingConsent");
    execute(job());
    assertThat(TestSmtp.server().getReceivedMessages()).isNotEmpty();
    assertThat(intake).hasPassed(TASK_SEND_WELCOME_EMAIL);
    tellTheReviewer(intake);
  }

  /** A hot lead's reviewer (or, with nobody free, the sales managers) is emailed before the review appears. */
  private void tellTheReviewer(ProcessInstance intake) {
    Job notify = processEngine.getManagementService().createJobQuery().processInstanceId(intake.getId())
        .activityId(TASK_NOTIFY_LEAD_OWNER).singleResult();
    Job unassigned = processEngine.getManagementService().createJobQuery().processInstanceId(intake.getId())
        .activityId(TASK_NOTIFY_TEAM_UNASSIGNED).singleResult();
    if (notify != null || unassigned != null) {
      execute(notify != null ? notify : unassigned);
    }
  }

  private static LeadSubmission hotLead() {
    return lead(LeadSource.REFERRAL, 1000, new BigDecimal("100000"));
  }

  private static LeadSubmission lead(LeadSource source, Integer companySize, BigDecimal budget) {
    return lead(source, companySize, budget, true);
  }

  private static LeadSubmission lead(LeadSource source, Integer companySize, BigDecimal budget, boolean consent) {
    String email = "ada." + UUID.randomUUID() + "@example.org";
    return new LeadSubmission("Ada Lovelace", email, "+44 20 7946 0000", "Analytical Engines", companySize, budget,
        source, null, consent, null, null);
  }

}

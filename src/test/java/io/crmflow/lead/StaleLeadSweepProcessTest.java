package io.crmflow.lead;

import static io.crmflow.lead.StaleLeadSweepProcess.END_DIGEST_SENT;
import static io.crmflow.lead.StaleLeadSweepProcess.END_NOTHING_TO_REPORT;
import static io.crmflow.lead.StaleLeadSweepProcess.START_EVERY_MORNING;
import static io.crmflow.lead.StaleLeadSweepProcess.TASK_FIND_STALE_LEADS;
import static io.crmflow.lead.StaleLeadSweepProcess.TASK_SEND_DIGEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** bpmn/stale-lead-sweep.bpmn, started by its timer job as the job executor would. */
@ProcessTest
class StaleLeadSweepProcessTest {

  private static final String MANAGER = "mia@crmflow.example";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired LeadService leadService;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
    // leads other tests left behind are fresh and their reviews not due: each test decides what is stale
    jdbc.sql("update crm_lead set last_activity_at = :now, status_changed_at = :now")
        .param("now", Timestamp.from(Instant.now())).update();
    jdbc.sql("update act_ru_task set due_date_ = :later where task_def_key_ = :review")
        .param("later", Timestamp.from(Instant.now().plus(Duration.ofDays(1))))
        .param("review", LeadIntakeProcess.TASK_REVIEW_LEAD).update();
  }

  @Test
  void shouldSendOneDigestListingOverdueReviewsAndInactiveLeads() throws Exception {
    String overdue = hotLeadInReview("Grace Overdue");
    String inactive = warmLeadNurturing("Linus Inactive");
    reviewDue(overdue, Instant.now().minus(Duration.ofHours(1)));
    // in review for 30 hours of clock time, but over a weekend: its review is due in business time, not yet
    String waitingOverTheWeekend = hotLeadInReview("Ada Weekend");
    backdate("status_changed_at", waitingOverTheWeekend, Duration.ofHours(30));
    reviewDue(waitingOverTheWeekend, Instant.now().plus(Duration.ofHours(3)));
    backdate("last_activity_at", inactive, Duration.ofDays(20));
    TestSmtp.purge();  // the intakes' own emails (welcome, the review's owner told)

    ProcessInstance sweep = fireTimer();
    run(sweep, TASK_FIND_STALE_LEADS);
    assertThat(sweep).isWaitingAt(TASK_SEND_DIGEST)
        .variables().containsEntry("overdueReviewCount", 1L).containsEntry("inactiveLeadCount", 1L);
    run(sweep, TASK_SEND_DIGEST);

    assertThat(sweep).isEnded().hasPassed(END_DIGEST_SENT).hasNotPassed(END_NOTHING_TO_REPORT);
    List<MimeMessage> digests = TestSmtp.messagesTo(MANAGER);
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).getSubject()).isEqualTo("Stale leads: 1 overdue reviews, 1 inactive");
    String reviewTask = taskService.createTaskQuery().processInstanceBusinessKey(overdue)
        .taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD).singleResult().getId();
    assertThat(html(digests.get(0)))
        .contains("Grace Overdue", "Linus Inactive", "Analytical Engines").doesNotContain("Ada Weekend")
        .contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + reviewTask)
        .contains("http://localhost:8080/app/leads/" + overdue, "http://localhost:8080/app/leads/" + inactive);
    assertThat(TestSmtp.messagesTo("sam@crmflow.example")).as("only the sales managers").isEmpty();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(sweep.getId()).list())
        .as("names reach the email, never the process")
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue())).doesNotContain("Grace", "Linus"));
  }

  @Test
  void shouldSendNothingWhenNoLeadIsStale() {
    warmLeadNurturing("Fresh Lead");

    ProcessInstance sweep = fireTimer();
    run(sweep, TASK_FIND_STALE_LEADS);

    assertThat(sweep).isEnded().hasPassed(END_NOTHING_TO_REPORT).hasNotPassed(TASK_SEND_DIGEST);
    assertThat(TestSmtp.messagesTo(MANAGER)).isEmpty();
  }

  @Test
  void shouldRunEveryMorningAtSevenByItsTimer() {
    Job timer = sweepTimer();
    LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
    assertThat(due.getHour()).isEqualTo(7);
    assertThat(due.getMinute()).isZero();
    assertThat(Duration.between(Instant.now(), timer.getDuedate().toInstant())).isBetween(Duration.ZERO,
        Duration.ofHours(24));

    fireTimer();

    Job next = sweepTimer();
    assertThat(next.getDuedate()).as("the cycle goes on: the next morning").isAfterOrEqualTo(timer.getDuedate());
    assertThat(LocalDateTime.ofInstant(next.getDuedate().toInstant(), ZoneId.systemDefault()).getHour()).isEqualTo(7);
  }

  /** Executes the timer start event's job, as the job executor does at 07:00; returns the new sweep. */
  private ProcessInstance fireTimer() {
    List<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey(StaleLeadSweepProcess.KEY)
        .list().stream().map(ProcessInstance::getId).toList();
    managementService.executeJob(sweepTimer().getId());
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(StaleLeadSweepProcess.KEY).list().stream()
        .filter(instance -> !before.contains(instance.getId())).findFirst().orElseThrow();
  }

  private Job sweepTimer() {
    return managementService.createJobQuery().processDefinitionKey(StaleLeadSweepProcess.KEY)
        .activityId(START_EVERY_MORNING).timers().singleResult();
  }

  private void run(ProcessInstance instance, String activityId) {
    assertThat(instance).isWaitingAt(activityId);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult().getId());
  }

  private String hotLeadInReview(String name) {
    String leadId = submitAndRunIntake(name, LeadSource.REFERRAL, 1000, new BigDecimal("100000"));
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.IN_REVIEW);
    return leadId;
  }

  private String warmLeadNurturing(String name) {
    String leadId = submitAndRunIntake(name, LeadSource.WEBINAR, 200, null);
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.NURTURING);
    return leadId;
  }

  private String submitAndRunIntake(String name, LeadSource source, Integer size, BigDecimal budget) {
    IntakeReceipt receipt = leadService.submit(new LeadSubmission(name, "stale." + UUID.randomUUID() + "@example.org",
        null, "Analytical Engines", size, budget, source, null, false, null, null), "test").receipt();
    // the intake's async steps (messages), not a hot lead's review timer
    for (Job job; (job = managementService.createJobQuery().processInstanceId(receipt.processInstanceId())
        .messages().singleResult()) != null; ) {
      managementService.executeJob(job.getId());
    }
    return receipt.leadId();
  }

  /** Sets the lead's "Review lead" due date, as the business calendar would have. */
  private void reviewDue(String leadId, Instant due) {
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(LeadIntakeProcess.TASK_REVIEW_LEAD).singleResult();
    review.setDueDate(java.util.Date.from(due));
    taskService.saveTask(review);
  }

  private void backdate(String column, String leadId, Duration age) {
    jdbc.sql("update crm_lead set " + column + " = :then where id = :id")
        .param("then", Timestamp.from(Instant.now().minus(age))).param("id", leadId).update();
  }

  private static String html(MimeMessage message) throws Exception {
    Multipart multipart = (Multipart) message.getContent();
    StringBuilder all = new StringBuilder();
    collect(multipart, all);
    return all.toString();
  }

  private static void collect(Multipart multipart, StringBuilder all) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      Object content = multipart.getBodyPart(i).getContent();
      if (content instanceof Multipart nested) {
        collect(nested, all);
      } else {
        all.append(content);
      }
    }
  }
}

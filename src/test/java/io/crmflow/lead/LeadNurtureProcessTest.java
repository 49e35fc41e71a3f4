package io.crmflow.lead;

import static io.crmflow.lead.LeadNurtureProcess.END_CONTACT_UNSUBSCRIBED;
import static io.crmflow.lead.LeadNurtureProcess.END_HANDED_TO_REVIEW;
import static io.crmflow.lead.LeadNurtureProcess.END_LEAD_REPLIED;
import static io.crmflow.lead.LeadNurtureProcess.END_NURTURE_STOPPED;
import static io.crmflow.lead.LeadNurtureProcess.END_SEQUENCE_ENDED;
import static io.crmflow.lead.LeadNurtureProcess.TASK_END_ON_REPLY;
import static io.crmflow.lead.LeadNurtureProcess.TASK_MARK_LEAD_COLD;
import static io.crmflow.lead.LeadNurtureProcess.TASK_SEND_FOLLOW_UP_1;
import static io.crmflow.lead.LeadNurtureProcess.TASK_SEND_FOLLOW_UP_2;
import static io.crmflow.lead.LeadNurtureProcess.TASK_SEND_FOLLOW_UP_3;
import static io.crmflow.lead.LeadNurtureProcess.TIMER_FOLLOW_UP_1_DUE;
import static io.crmflow.lead.LeadNurtureProcess.TIMER_FOLLOW_UP_2_DUE;
import static io.crmflow.lead.LeadNurtureProcess.TIMER_FOLLOW_UP_3_DUE;
import static io.crmflow.lead.LeadNurtureProcess.TIMER_REPLY_WINDOW_OVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.crmflow.messaging.Channel;
import io.crmflow.messaging.MessageLog;
import io.crmflow.messaging.MessageLogEntry;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.messaging.UnsubscribeService;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of bpmn/lead-nurture.bpmn, timers and jobs executed by the test. */
@ProcessTest
class LeadNurtureProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired LeadService leadService;
  @Autowired LeadNurtureService nurtureService;
  @Autowired UnsubscribeService unsubscribeService;
  @Autowired io.crmflow.messaging.UnsubscribeTokens unsubscribeTokens;
  @Autowired MessageLog messageLog;
  @Autowired io.crmflow.messaging.DeferredMessageDispatcher dispatcher;
  @Autowired ProcessTimeline timeline;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
  }

  @Test
  void shouldSendEveryFollowUpOnItsDayThenMarkTheLeadCold() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);
    assertThat(nurture).isWaitingAt(TIMER_FOLLOW_UP_1_DUE);
    assertThat(timer(nurture).getDuedate()).isCloseTo(inDays(2), 60_000);

    fire(nurture, TIMER_FOLLOW_UP_1_DUE);
    run(nurture, TASK_SEND_FOLLOW_UP_1);
    assertThat(timer(nurture).getDuedate()).as("day 7 = 5 days after day 2").isCloseTo(inDays(5), 60_000);
    fire(nurture, TIMER_FOLLOW_UP_2_DUE);
    run(nurture, TASK_SEND_FOLLOW_UP_2);
    assertThat(timer(nurture).getDuedate()).as("day 14 = 7 days after day 7").isCloseTo(inDays(7), 60_000);
    fire(nurture, TIMER_FOLLOW_UP_3_DUE);
    aDayPasses(leadId);
    run(nurture, TASK_SEND_FOLLOW_UP_3);
    assertThat(nurture).isWaitingAt(TIMER_REPLY_WINDOW_OVER);
    assertThat(timer(nurture).getDuedate()).isCloseTo(inDays(7), 60_000);
    fire(nurture, TIMER_REPLY_WINDOW_OVER);

    assertThat(nurture).isEnded().hasPassed(TASK_SEND_FOLLOW_UP_1, TASK_SEND_FOLLOW_UP_2, TASK_SEND_FOLLOW_UP_3,
        TASK_MARK_LEAD_COLD, END_SEQUENCE_ENDED);
    assertThat(messageLog.forRecord(leadId, 20)).filteredOn(m -> m.template().startsWith("nurture-"))
        .extracting(MessageLogEntry::template, MessageLogEntry::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("nurture-1", MessageStatus.SENT),
            org.assertj.core.groups.Tuple.tuple("nurture-2", MessageStatus.SENT),
            org.assertj.core.groups.Tuple.tuple("nurture-3", MessageStatus.SENT));
    assertThat(TestSmtp.messagesTo(emailOf(leadId))).extracting(message -> message.getSubject())
        .contains("Ada Lovelace, shall we talk?");
    Lead lead = leadService.get(leadId);
    assertThat(lead.status()).isEqualTo(LeadStatus.COLD);
    assertThat(lead.nurtureExitReason()).isEqualTo(NurtureExitReason.SEQUENCE_ENDED);
    assertThat(exitReason(nurture)).isEqualTo("SEQUENCE_ENDED");
    assertThat(runningSequences(leadId)).isZero();
  }

  /**
   * Issue 16 item 8: a follow-up deferred by the marketing cap, then the lead replies. Before, the
   * deferred follow-up still went out when the cap allowed; now the ended sequence withdraws it.
   */
  @Test
  void shouldNotSendADeferredFollowUpAfterTheLeadReplied() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);
    for (int i = 0; i < 2; i++) {
      ProcessInstance news = runtimeService.startProcessInstanceByKey("message-test", leadId, Map.of("leadId", leadId));
      managementService.executeJob(managementService.createJobQuery().processInstanceId(news.getId())
          .activityId("Task_SendProductNews").singleResult().getId());
    }
    fire(nurture, TIMER_FOLLOW_UP_1_DUE);
    run(nurture, TASK_SEND_FOLLOW_UP_1);
    MessageLogEntry followUp = messageLog.forRecord(leadId, 20).stream()
        .filter(m -> m.template().equals("nurture-1")).findFirst().orElseThrow();
    assertThat(followUp.status()).as("over the cap of 2 a day").isEqualTo(MessageStatus.DEFERRED);

    leadService.recordReply(leadId, new LeadReply(LeadReply.Channel.EMAIL, null));
    jdbc.sql("update crm_message set deferred_until = :now where message_key = :key")
        .param("now", Timestamp.from(Instant.now())).param("key", followUp.messageKey()).update();
    dispatcher.dispatchDue();

    MessageLogEntry withdrawn = messageLog.findByKey(followUp.messageKey()).orElseThrow();
    assertThat(withdrawn.status()).isEqualTo(MessageStatus.SUPPRESSED);
    assertThat(withdrawn.detail()).contains("sequence ended");
    assertThat(TestSmtp.messagesTo(emailOf(leadId))).extracting(message -> message.getSubject())
        .as("the welcome and the two news, no follow-up").hasSize(3);
  }

  @Test
  void shouldEndTheSequenceWhenTheLeadReplies() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);
    fire(nurture, TIMER_FOLLOW_UP_1_DUE);
    run(nurture, TASK_SEND_FOLLOW_UP_1);
    Instant before = leadService.get(leadId).lastActivityAt();

    LeadService.ReplyReceipt receipt = leadService.recordReply(leadId, new LeadReply(LeadReply.Channel.EMAIL, null));

    assertThat(receipt.nurtureEnded()).isTrue();
    assertThat(nurture).isEnded().hasPassed(TASK_END_ON_REPLY, END_LEAD_REPLIED).hasNotPassed(TASK_SEND_FOLLOW_UP_2);
    assertThat(managementService.createJobQuery().processInstanceId(nurture.getId()).count()).isZero();
    Lead lead = leadService.get(leadId);
    assertThat(lead.nurtureExitReason()).isEqualTo(NurtureExitReason.REPLIED);
    assertThat(lead.status()).isEqualTo(LeadStatus.NURTURING);
    assertThat(lead.lastActivityAt()).isAfterOrEqualTo(before);
    assertThat(exitReason(nurture)).isEqualTo("REPLIED");
    assertThat(timeline.of(leadId)).as("the exit shows in the lead's timeline")
        .anySatisfy(step -> {
          assertThat(step.process()).isEqualTo(LeadNurtureProcess.KEY);
          assertThat(step.activityId()).isEqualTo(TASK_END_ON_REPLY);
          assertThat(step.name()).isEqualTo("End nurture: replied");
        });
    assertThat(leadService.recordReply(leadId, new LeadReply(LeadReply.Channel.PHONE, null)).nurtureEnded())
        .as("a second reply finds no sequence").isFalse();
  }

  @Test
  void shouldEndTheSequenceWhenTheContactUnsubscribes() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);
    fire(nurture, TIMER_FOLLOW_UP_1_DUE);
    run(nurture, TASK_SEND_FOLLOW_UP_1);
    MessageLogEntry followUp = messageLog.forRecord(leadId, 10).stream()
        .filter(m -> m.template().equals("nurture-1")).findFirst().orElseThrow();

    assertThat(unsubscribeService.unsubscribe(unsubscribeTokens.issue(followUp.id()))).isTrue();

    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.TASK_END_ON_UNSUBSCRIBE, END_CONTACT_UNSUBSCRIBED);
    Lead lead = leadService.get(leadId);
    assertThat(lead.nurtureExitReason()).isEqualTo(NurtureExitReason.UNSUBSCRIBED);
    assertThat(lead.marketingConsent()).as("consent withdrawn").isFalse();
    assertThat(exitReason(nurture)).isEqualTo("UNSUBSCRIBED");
  }

  @Test
  void shouldHandALeadReScoredHotToTheReviewOfLeadIntake() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);
    fire(nurture, TIMER_FOLLOW_UP_1_DUE);

    // webinar 20 + 200 employees 20 + budget 100 000 40 = 80: hot
    leadService.update(leadId, budget("100000"), Set.of("budget"));

    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.TASK_END_ON_RESCORED_HOT, END_HANDED_TO_REVIEW)
        .hasNotPassed(TASK_SEND_FOLLOW_UP_1);
    ProcessInstance review = runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadIntakeProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
    // the lead's new owner is told in a job of its own before the review appears
    assertThat(review).isWaitingAt(LeadIntakeProcess.TASK_NOTIFY_LEAD_OWNER);
    execute(job(review));
    assertThat(review).hasPassed(LeadIntakeProcess.START_LEAD_RESCORED_HOT, LeadIntakeProcess.TASK_MARK_LEAD_IN_REVIEW)
        .isWaitingAt(LeadIntakeProcess.TASK_REVIEW_LEAD).hasNotPassed(LeadIntakeProcess.TASK_SCORE_LEAD);
    Lead lead = leadService.get(leadId);
    assertThat(lead.status()).isEqualTo(LeadStatus.IN_REVIEW);
    assertThat(lead.score()).isEqualTo(80);
    assertThat(lead.rating()).isEqualTo("hot");
    assertThat(lead.nurtureExitReason()).isEqualTo(NurtureExitReason.RESCORED_HOT);
    assertThat(lead.processInstanceId()).isEqualTo(review.getId());
  }

  @Test
  void shouldStopTheSequenceWhenSalesMoveTheLeadOutOfNurturing() {
    String leadId = nurturedLead(true);
    ProcessInstance nurture = nurtureOf(leadId);

    leadService.update(leadId, status(LeadStatus.DISQUALIFIED), Set.of("status"));

    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.TASK_END_ON_STOP, END_NURTURE_STOPPED);
    Lead lead = leadService.get(leadId);
    assertThat(lead.status()).isEqualTo(LeadStatus.DISQUALIFIED);
    assertThat(lead.nurtureExitReason()).isEqualTo(NurtureExitReason.STOPPED);
    assertThat(runningSequences(leadId)).isZero();
  }

  @Test
  void shouldNotStartASequenceWithoutMarketingConsent() {
    String leadId = nurturedLead(false);

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).count()).isZero();
    assertThat(leadService.get(leadId).status()).isEqualTo(LeadStatus.NURTURING);
    assertThat(nurtureService.start(leadId)).isEmpty();
  }

  @Test
  void shouldNeverRunTwoSequencesForOneLeadEvenWhenStartsRace() throws Exception {
    String leadId = leadService.submit(warmLead(true), "test").receipt().leadId();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<String>>> starts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      starts.add(pool.submit(() -> {
        go.await();
        return nurtureService.start(leadId);
      }));
    }
    go.countDown();
    List<String> ids = new ArrayList<>();
    for (Future<Optional<String>> start : starts) {
      ids.add(start.get(30, TimeUnit.SECONDS).orElseThrow());
    }
    pool.shutdown();

    assertThat(ids).as("every start answers with the one running sequence").containsOnly(ids.get(0));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).count()).isEqualTo(1);
    assertThat(runningSequences(leadId)).isEqualTo(1);
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> runtimeService
        .createMessageCorrelation(LeadNurtureProcess.MESSAGE_NURTURE_REQUESTED).processInstanceBusinessKey(leadId)
        .setVariable(LeadNurtureProcess.LEAD_ID.name(), leadId).correlateStartMessage());
    assertThat(org.assertj.core.util.Throwables.getRootCause(failure).getMessage().toLowerCase())
        .as("a start past the service (e.g. engine REST) fails on the database's unique constraint")
        .contains("uk_crm_lead_nurture_running");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).count()).isEqualTo(1);

    // cancelled in Cockpit: the lead is free for a new sequence
    runtimeService.deleteProcessInstance(ids.get(0), "test");
    assertThat(runningSequences(leadId)).isZero();
    assertThat(nurtureService.start(leadId)).get().isNotEqualTo(ids.get(0));
  }

  /** A warm lead through lead intake, which ends in nurturing (and starts the sequence with consent). */
  private String nurturedLead(boolean consent) {
    String intakeId = leadService.submit(warmLead(consent), "test").receipt().processInstanceId();
    ProcessInstance intake = runtimeService.createProcessInstanceQuery().processInstanceId(intakeId).singleResult();
    for (Job job; (job = managementService.createJobQuery().processInstanceId(intakeId).messages().singleResult())
        != null; ) {
      managementService.executeJob(job.getId());
    }
    assertThat(intake).isEnded().hasPassed(consent ? LeadIntakeProcess.END_NURTURE_REQUESTED
        : LeadIntakeProcess.END_LEAD_NURTURING);
    return intake.getBusinessKey();
  }

  private ProcessInstance nurtureOf(String leadId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
  }

  private Job timer(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
  }

  private void fire(ProcessInstance instance, String timerId) {
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(timerId).singleResult();
    assertThat(timer).as("timer %s", timerId).isNotNull();
    managementService.executeJob(timer.getId());
  }

  private void run(ProcessInstance instance, String activityId) {
    assertThat(instance).isWaitingAt(activityId);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult().getId());
  }

  /** The marketing cap (2 a day) would defer the third follow-up sent within seconds of the others. */
  private void aDayPasses(String leadId) {
    // the cap counts the slots sent messages took: they leave the rolling 24 hours
    jdbc.sql("update crm_message set sent_at = :dayAgo, cap_taken_at = :dayAgo where record_id = :leadId "
            + "and sent_at is not null")
        .param("dayAgo", Timestamp.from(Instant.now().minus(Duration.ofHours(25)))).param("leadId", leadId).update();
  }

  private String exitReason(ProcessInstance instance) {
    return (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(LeadNurtureProcess.EXIT_REASON.name()).singleResult().getValue();
  }

  private long runningSequences(String leadId) {
    return jdbc.sql("select count(*) from crm_lead_nurture where running_lead_id = :leadId")
        .param("leadId", leadId).query(Long.class).single();
  }

  private String emailOf(String leadId) {
    return leadService.get(leadId).email();
  }

  private static java.util.Date inDays(int days) {
    return java.util.Date.from(Instant.now().plus(days, ChronoUnit.DAYS));
  }

  static LeadChanges budget(String budget) {
    return new LeadChanges(null, null, null, null, new BigDecimal(budget), null, null, null, null);
  }

  static LeadChanges status(LeadStatus status) {
    return new LeadChanges(null, null, null, null, null, null, null, null, status);
  }

  /** webinar 20 + 200 employees 20 = 40: warm. */
  static LeadSubmission warmLead(boolean consent) {
    return new LeadSubmission("Ada Lovelace", "ada." + UUID.randomUUID() + "@example.org", "+44 20 7946 0000",
        "Analytical Engines", 200, null, LeadSource.WEBINAR, null, consent, null, null);
  }
}

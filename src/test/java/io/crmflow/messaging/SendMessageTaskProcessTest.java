package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadStatus;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reusable send task (element templates io.crmflow.SendEmail / SendSms) in a small test
 * process (src/test/resources/bpmn/message-test.bpmn): consent, unsubscribe, frequency cap, log.
 */
@ProcessTest
class SendMessageTaskProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired LeadService leadService;
  @Autowired MessageLog messageLog;
  @Autowired UnsubscribeTokens unsubscribeTokens;
  @Autowired UnsubscribeService unsubscribeService;
  @Autowired Suppressions suppressions;
  @Autowired DeferredMessageDispatcher dispatcher;
  @Autowired io.crmflow.privacy.ContactPrivacyService privacy;
  @Autowired io.crmflow.contact.ContactService contacts;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
  }

  @Test
  void shouldSendMarketingEmailWithOneClickUnsubscribeToAContactWhoConsented() throws Exception {
    String email = address("consent");
    ProcessInstance instance = start(lead(email, true));

    run(instance, "Task_SendProductNews");

    List<MimeMessage> received = TestSmtp.messagesTo(email);
    assertThat(received).hasSize(1);
    String listUnsubscribe = received.get(0).getHeader("List-Unsubscribe")[0];
    assertThat(listUnsubscribe).matches("<http://localhost:8080/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>");
    assertThat(received.get(0).getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(received.get(0).getMessageID()).startsWith("<" + instance.getId() + ".Task.SendProductNews.job-");
    MessageLogEntry logged = messageLog.forRecord(instance.getBusinessKey(), 10).stream()
        .filter(m -> m.channel() == Channel.EMAIL).findFirst().orElseThrow();
    assertThat(logged.status()).isEqualTo(MessageStatus.SENT);
    assertThat(logged.category()).isEqualTo(MessageCategory.MARKETING);
    assertThat(logged.processInstanceId()).isEqualTo(instance.getId());
    assertThat(logged.activityId()).isEqualTo("Task_SendProductNews");
    assertThat(logged.attempts()).isEqualTo(1);
    assertThat(logged.sentAt()).isNotNull();
    assertThat(instance).isWaitingAt("Task_SendSms");
  }

  @Test
  void shouldSuppressMarketingWithoutConsentAndGoOn() {
    String email = address("noconsent");
    ProcessInstance instance = start(lead(email, false));

    run(instance, "Task_SendProductNews");

    assertThat(TestSmtp.messagesTo(email)).isEmpty();
    assertThat(statusOf(instance, "product-news")).isEqualTo(MessageStatus.SUPPRESSED);
    assertThat(instance).hasPassed("Task_SendProductNews").isWaitingAt("Task_SendSms");
  }

  @Test
  void shouldSuppressEveryLaterMarketingEmailAfterAnUnsubscribeAndTellRunningWorkflows() {
    String email = address("unsub");
    ProcessInstance first = start(lead(email, true));
    run(first, "Task_SendProductNews");
    run(first, "Task_SendSms");
    assertThat(first).isWaitingAt("Event_ContactUnsubscribed");
    MessageLogEntry sent = messageLog.forRecord(first.getBusinessKey(), 10).stream()
        .filter(m -> m.channel() == Channel.EMAIL).findFirst().orElseThrow();

    assertThat(sent.recipient()).isEqualTo(email);
    assertThat(unsubscribeService.unsubscribe(unsubscribeTokens.issue(sent.id()))).isTrue();

    assertThat(first).as("ContactUnsubscribed reached the running workflow").isEnded();
    assertThat(suppressions.isSuppressed(email)).isTrue();
    ProcessInstance second = runtimeService.startProcessInstanceByKey("message-test", first.getBusinessKey(),
        Map.of("leadId", first.getBusinessKey()));
    run(second, "Task_SendProductNews");
    assertThat(TestSmtp.messagesTo(email)).hasSize(1);
    assertThat(statusOf(second, "product-news")).isEqualTo(MessageStatus.SUPPRESSED);
  }

  @Test
  void shouldRefuseForgedAndExpiredUnsubscribeTokens() {
    String valid = unsubscribeTokens.issue("some-message");
    String forged = valid.substring(0, valid.indexOf('.')) + "." + "A".repeat(43);
    assertThat(unsubscribeTokens.verify(valid)).contains("some-message");
    assertThat(unsubscribeTokens.verify(forged)).isEmpty();
    assertThat(unsubscribeTokens.verify(unsubscribeTokens.issue("some-message", Instant.now().minusSeconds(1))))
        .isEmpty();
    assertThat(unsubscribeTokens.verify("not-a-token")).isEmpty();
    assertThat(unsubscribeService.unsubscribe(forged)).isFalse();
  }

  @Test
  void shouldDeferTheMarketingEmailOverTheDailyCapInsteadOfDroppingIt() {
    String email = address("capped");
    String leadId = sendProductNewsThreeTimes(email);

    assertThat(TestSmtp.messagesTo(email)).as("cap of 2 per rolling 24 h").hasSize(2);
    List<MessageLogEntry> news = messageLog.forRecord(leadId, 10).stream()
        .filter(m -> m.channel() == Channel.EMAIL).toList();
    assertThat(news).extracting(MessageLogEntry::status)
        .containsExactlyInAnyOrder(MessageStatus.SENT, MessageStatus.SENT, MessageStatus.DEFERRED);
    MessageLogEntry deferred = news.stream().filter(m -> m.status() == MessageStatus.DEFERRED).findFirst().orElseThrow();
    Instant firstSent = news.stream().map(MessageLogEntry::sentAt).filter(java.util.Objects::nonNull)
        .min(Instant::compareTo).orElseThrow();
    assertThat(deferred.deferredUntil()).isCloseTo(firstSent.plus(Duration.ofHours(24)),
        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void shouldSendADeferredMarketingEmailOnceTheCapAllowsIt() {
    String email = address("later");
    String leadId = sendProductNewsThreeTimes(email);
    assertThat(TestSmtp.messagesTo(email)).hasSize(2);

    // a day passes: the two sent emails leave the rolling window, the deferred one falls due
    jdbc.sql("update crm_message set sent_at = :dayAgo, cap_taken_at = :dayAgo where record_id = :leadId and status = 'SENT'")
        .param("dayAgo", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(25))))
        .param("leadId", leadId).update();
    jdbc.sql("update crm_message set deferred_until = :now where record_id = :leadId and status = 'DEFERRED'")
        .param("now", java.sql.Timestamp.from(Instant.now())).param("leadId", leadId).update();
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    assertThat(TestSmtp.messagesTo(email)).as("sent once, not dropped, not twice").hasSize(3);
    assertThat(messageLog.forRecord(leadId, 10)).filteredOn(m -> m.channel() == Channel.EMAIL)
        .extracting(MessageLogEntry::status).containsOnly(MessageStatus.SENT);
  }

  /**
   * Six marketing sends racing for one person — three workflows on each of their two leads, on six
   * threads at once: the cap counts per contact, under the contact's lock, so exactly two go out.
   */
  @Test
  void shouldSendNoMoreThanTheCapToOnePersonWhenSendsRace() throws Exception {
    String email = address("racing");
    String firstLead = leadService.submit(lead(email, true), "test").receipt().leadId();
    leadService.changeStatus(firstLead, LeadStatus.DISQUALIFIED);
    String secondLead = leadService.submit(lead(email, true), "test").receipt().leadId();
    assertThat(leadService.get(secondLead).contactId()).isEqualTo(leadService.get(firstLead).contactId());
    List<Job> sends = new java.util.ArrayList<>();
    for (String leadId : List.of(firstLead, firstLead, firstLead, secondLead, secondLead, secondLead)) {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("message-test", leadId,
          Map.of("leadId", leadId));
      sends.add(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId("Task_SendProductNews").singleResult());
    }

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sends.size());
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = sends.stream().map(job -> pool.submit(() -> {
      start.await();
      processEngine.getManagementService().executeJob(job.getId());
      return null;
    })).collect(java.util.stream.Collectors.toList());
    start.countDown();
    for (var future : done) {
      future.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(TestSmtp.messagesTo(email)).as("cap of 2 per person and rolling 24 h").hasSize(2);
    List<MessageStatus> statuses = java.util.stream.Stream.of(firstLead, secondLead)
        .flatMap(leadId -> messageLog.forRecord(leadId, 10).stream())
        .filter(m -> m.template().equals("product-news")).map(MessageLogEntry::status).toList();
    assertThat(statuses).hasSize(6).filteredOn(MessageStatus.SENT::equals).hasSize(2);
    assertThat(statuses).filteredOn(MessageStatus.DEFERRED::equals).hasSize(4);
  }

  /**
   * Issue 16 item 8: an instance that claimed a deferred message and died before sending it. Before, the
   * claim set QUEUED and nothing ever looked at the message again; now the claim is a lease.
   */
  @Test
  void shouldSendADeferredMessageAgainOnceTheLeaseOfAnInstanceThatDiedRunsOut() {
    String email = address("lease");
    String leadId = sendProductNewsThreeTimes(email);
    MessageLogEntry deferred = deferredOf(leadId);
    aDayPasses(leadId);
    makeDue(deferred);
    assertThat(messageLog.claimDeferred(deferred.messageKey(), Instant.now().plus(Duration.ofMinutes(5))))
        .as("an instance claims it, then dies").isTrue();

    dispatcher.dispatchDue();
    assertThat(TestSmtp.messagesTo(email)).as("leased: no other instance sends it meanwhile").hasSize(2);

    makeDue(deferred);
    dispatcher.dispatchDue();
    assertThat(TestSmtp.messagesTo(email)).as("the lease ran out: sent, once").hasSize(3);
    assertThat(messageLog.findByKey(deferred.messageKey()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
  }

  /**
   * Issue 16 item 8: a deferred message whose send keeps failing. Before, it was tried every 30 s for
   * ever, silently; now it is tried with growing waits, then FAILED with an incident in Cockpit.
   */
  @Test
  void shouldGiveUpOnAFailingDeferredMessageAndRaiseAnIncident() {
    String email = address("failing");
    String leadId = sendProductNewsThreeTimes(email);
    MessageLogEntry deferred = deferredOf(leadId);
    aDayPasses(leadId);
    TestSmtp.stop();
    try {
      Set<Instant> retryTimes = new java.util.HashSet<>();
      for (int tries = 0; tries < 10 && messageLog.findByKey(deferred.messageKey()).orElseThrow().status()
          == MessageStatus.DEFERRED; tries++) {
        makeDue(deferred);
        dispatcher.dispatchDue();
        MessageLogEntry now = messageLog.findByKey(deferred.messageKey()).orElseThrow();
        if (now.deferredUntil() != null) {
          retryTimes.add(now.deferredUntil());
        }
      }
      MessageLogEntry failed = messageLog.findByKey(deferred.messageKey()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(MessageService.MAX_ATTEMPTS - 1);
      assertThat(retryTimes).as("it waited between tries").hasSize(MessageService.MAX_ATTEMPTS - 2);
      assertThat(runtimeService.createIncidentQuery().processInstanceId(deferred.processInstanceId())
          .incidentType(MessageIncidents.TYPE).singleResult()).as("an incident in Cockpit").isNotNull()
          .satisfies(incident -> assertThat(incident.getIncidentMessage()).contains(deferred.messageKey())
              .doesNotContain(email));
    } finally {
      TestSmtp.start();
    }
  }

  /**
   * Issue 16 item 8: erasing a person with a deferred message. Before, the message kept waiting with its
   * address erased and the dispatcher failed on it every 30 s for ever.
   */
  @Test
  void shouldNotTryToSendADeferredMessageOfAnErasedPerson() {
    String email = address("erased");
    String leadId = sendProductNewsThreeTimes(email);
    MessageLogEntry deferred = deferredOf(leadId);
    privacy.erase(email, "test");

    makeDue(deferred);
    dispatcher.dispatchDue();

    MessageLogEntry suppressed = messageLog.findByKey(deferred.messageKey()).orElseThrow();
    assertThat(suppressed.status()).isEqualTo(MessageStatus.SUPPRESSED);
    assertThat(suppressed.deferredUntil()).isNull();
    assertThat(TestSmtp.messagesTo(email)).hasSize(2);
  }

  /** A deferred message is not sent once its person withdrew marketing consent while it waited. */
  @Test
  void shouldNotSendADeferredMarketingMessageAfterConsentWasWithdrawn() {
    String email = address("withdrawn");
    String leadId = sendProductNewsThreeTimes(email);
    MessageLogEntry deferred = deferredOf(leadId);
    contacts.withdrawMarketingConsent(leadService.get(leadId).contactId());

    makeDue(deferred);
    dispatcher.dispatchDue();

    assertThat(messageLog.findByKey(deferred.messageKey()).orElseThrow().status()).isEqualTo(MessageStatus.SUPPRESSED);
    assertThat(TestSmtp.messagesTo(email)).hasSize(2);
  }

  private MessageLogEntry deferredOf(String leadId) {
    return messageLog.forRecord(leadId, 10).stream().filter(m -> m.status() == MessageStatus.DEFERRED).findFirst()
        .orElseThrow();
  }

  /** The two sent emails leave the rolling 24 hours of the marketing cap. */
  private void aDayPasses(String leadId) {
    jdbc.sql("update crm_message set sent_at = :dayAgo, cap_taken_at = :dayAgo where record_id = :leadId "
            + "and status = 'SENT'")
        .param("dayAgo", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(25))))
        .param("leadId", leadId).update();
  }

  private void makeDue(MessageLogEntry message) {
    jdbc.sql("update crm_message set deferred_until = :now where message_key = :key and status = 'DEFERRED'")
        .param("now", java.sql.Timestamp.from(Instant.now().minusMillis(1))).param("key", message.messageKey())
        .update();
  }

  @Test
  void shouldNeverCapTransactionalMessagesAndLogSms() {
    String email = address("sms");
    ProcessInstance instance = start(lead(email, true));
    run(instance, "Task_SendProductNews");
    run(instance, "Task_SendSms");

    MessageLogEntry sms = messageLog.forRecord(instance.getBusinessKey(), 10).stream()
        .filter(m -> m.channel() == Channel.SMS).findFirst().orElseThrow();
    assertThat(sms.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sms.recipient()).isEqualTo("+442079460000");
  }

  @Test
  void shouldRefuseToDeployASendTaskNamingAnUnknownTemplate() throws Exception {
    String model = new String(getClass().getResourceAsStream("/bpmn/message-test.bpmn").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8)
        .replace("message-test", "message-test-typo").replace(">product-news<", ">product-newz<");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> processEngine.getRepositoryService().createDeployment()
            .addString("message-test-typo.bpmn", model).deploy())
        .hasMessageContaining("product-newz").hasMessageContaining("does not exist");
  }

  /**
   * A send task without asyncAfter ("Send welcome email" in lead intake): when a later step of the
   * same job fails, the job rolls back and runs again, and the message log keeps it from sending twice.
   */
  @Test
  void shouldNotSendAgainWhenTheJobFailsAfterTheSend() {
    String email = address("after-send");
    String leadId = leadService.submit(lead(email, false), "test").receipt().leadId();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("send-and-continue-test", leadId,
        Map.of("leadId", leadId, "failAfterSend", true));
    ManagementService management = processEngine.getManagementService();
    Job job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("failOnPurpose");
    assertThat(TestSmtp.messagesTo(email)).hasSize(1);
    assertThat(instance).isWaitingAt("Task_SendWelcome");

    runtimeService.setVariable(instance.getId(), "failAfterSend", false);
    management.executeJob(job.getId());

    assertThat(instance).isEnded().hasPassed("Task_NextStep");
    assertThat(TestSmtp.messagesTo(email)).as("the retried job found the message SENT").hasSize(1);
    assertThat(statusOf(instance, "welcome")).isEqualTo(MessageStatus.SENT);
  }

  /** Three marketing sends to one consenting lead within minutes: one more than the daily cap. */
  private String sendProductNewsThreeTimes(String email) {
    ProcessInstance first = start(lead(email, true));
    String leadId = first.getBusinessKey();
    run(first, "Task_SendProductNews");
    for (int i = 0; i < 2; i++) {
      run(runtimeService.startProcessInstanceByKey("message-test", leadId, Map.of("leadId", leadId)),
          "Task_SendProductNews");
    }
    return leadId;
  }

  private void run(ProcessInstance instance, String activityId) {
    execute(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult());
  }

  private MessageStatus statusOf(ProcessInstance instance, String template) {
    return messageLog.forRecord(instance.getBusinessKey(), 10).stream()
        .filter(m -> m.template().equals(template) && m.channel() == Channel.EMAIL
            && instance.getId().equals(m.processInstanceId()))
        .findFirst().orElseThrow().status();
  }

  private ProcessInstance start(LeadSubmission lead) {
    String leadId = leadService.submit(lead, "test").receipt().leadId();
    return runtimeService.startProcessInstanceByKey("message-test", leadId, Map.of("leadId", leadId));
  }

  private static LeadSubmission lead(String email, boolean consent) {
    return new LeadSubmission("Ada Lovelace", email, "+442079460000", null, null, null, null, null, consent, null, null);
  }

  private static String address(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}

package io.crmflow.supportcase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.crmflow.supportcase.SupportCaseProcess.END_CASE_CLOSED;
import static io.crmflow.supportcase.SupportCaseProcess.END_CASE_ESCALATED;
import static io.crmflow.supportcase.SupportCaseProcess.EVENT_CASE_RECEIVED_EMAIL_UNDELIVERABLE;
import static io.crmflow.supportcase.SupportCaseProcess.EVENT_REFUND_FAILED;
import static io.crmflow.supportcase.SupportCaseProcess.EVENT_RESOLUTION_EMAIL_UNDELIVERABLE;
import static io.crmflow.supportcase.SupportCaseProcess.EVENT_WAITING_EMAIL_UNDELIVERABLE;
import static io.crmflow.supportcase.SupportCaseProcess.GATEWAY_AWAIT_REPLY;
import static io.crmflow.supportcase.SupportCaseProcess.MESSAGE_REPLY_RECEIVED;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME_RESOLVED;
import static io.crmflow.supportcase.SupportCaseProcess.OUTCOME_WAITING_FOR_CUSTOMER;
import static io.crmflow.supportcase.SupportCaseProcess.REFUND_APPROVED;
import static io.crmflow.supportcase.SupportCaseProcess.RESOLUTION;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_APPROVE_REFUND;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_CLOSE_CASE;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_HANDLE_CASE;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_MARK_CASE_IN_PROGRESS;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_MARK_CASE_RESOLVED;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_MARK_WAITING_FOR_CUSTOMER;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_NOTIFY_REFUND_FAILED;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_NOTIFY_SUPPORT_LEADS;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_OFFER_CASE_TO_SUPPORT_LEADS;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_PAY_REFUND;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_RECORD_TRIAGE;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_REJECT_REFUND;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_REOPEN_CASE;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_SEND_CASE_RECEIVED_EMAIL;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_SEND_RESOLUTION_EMAIL;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_SEND_WAITING_EMAIL;
import static io.crmflow.supportcase.SupportCaseProcess.TASK_TRIAGE_CASE;
import static io.crmflow.supportcase.SupportCaseProcess.TIMER_CASE_OVERDUE;
import static io.crmflow.supportcase.SupportCaseProcess.TIMER_NO_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crmflow.process.RecordChange;
import io.crmflow.shared.ConflictException;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestPaymentGateway;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Every path of bpmn/support-case.bpmn, with the job executor off and each job and timer executed
 * by the test; the payment gateway is WireMock ({@link TestPaymentGateway}).
 */
@ProcessTest
@RecordApplicationEvents
class SupportCaseProcessTest {

  private static final String REFUNDS = "/refunds";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired SupportCaseService supportCases;
  @Autowired ApplicationEvents events;

  private WireMockServer gateway;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
    gateway = TestPaymentGateway.server();
    gateway.resetAll();
  }

  @Test
  void shouldAcknowledgeTriageResolveAndCloseACaseWithoutReply() throws Exception {
    String email = unique("ada");
    ClockUtil.setCurrentTime(inSupportsZone("2025-06-13T16:00")); // a Friday
    ProcessInstance instance = submit(email, "Ada Lovelace", "Sync fails", "The export stops at 80 %.",
        CaseCategory.TECHNICAL, null);
    String caseId = instance.getBusinessKey();

    runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE)
        .hasPassed(TASK_SEND_CASE_RECEIVED_EMAIL, TASK_TRIAGE_CASE, TASK_RECORD_TRIAGE, TASK_MARK_CASE_IN_PROGRESS)
        .hasNotPassed(TASK_PAY_REFUND, TASK_APPROVE_REFUND);
    SupportCase supportCase = supportCases.get(caseId);
    assertThat(supportCase.caseNumber()).matches("CASE-\\d{6}");
    assertThat(supportCase.priority()).isEqualTo("high");
    assertThat(supportCase.team()).isEqualTo("technical");
    assertThat(supportCase.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    MimeMessage received = single(email);
    assertThat(received.getSubject()).isEqualTo("We received your request " + supportCase.caseNumber() + ": Sync fails");
    assertThat(text(received)).contains("Dear Ada Lovelace").contains(supportCase.caseNumber());

    Task handle = taskWithForm();
    assertThat(handle).hasCandidateGroup("support");
    assertThat(handle.getCamundaFormRef().getKey()).isEqualTo("handle-case");
    // technical: PT8H in support's business hours (New York in the test profile): Friday 16:00-17:00 and
    // Monday 08:00-15:00; the escalation timer counts the same hours
    assertThat(handle.getDueDate()).isEqualTo(inSupportsZone("2025-06-16T15:00"));
    assertThat(timer(instance, TIMER_CASE_OVERDUE).getDuedate()).isEqualTo(inSupportsZone("2025-06-16T15:00"));

    handle(OUTCOME_RESOLVED, "Please update to version 2.1 — the export limit is gone there.");
    runJobs(instance);

    assertThat(instance).isWaitingAt(GATEWAY_AWAIT_REPLY)
        .hasPassed(TASK_SEND_RESOLUTION_EMAIL, TASK_MARK_CASE_RESOLVED).hasNotPassed(TASK_SEND_WAITING_EMAIL);
    supportCase = supportCases.get(caseId);
    assertThat(supportCase.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(supportCase.resolvedAt()).isNotNull();
    assertThat(supportCase.resolution()).isEqualTo("Please update to version 2.1 — the export limit is gone there.");
    List<MimeMessage> mails = TestSmtp.messagesTo(email);
    assertThat(mails).hasSize(2);
    assertThat(mails.get(1).getSubject()).isEqualTo("Your case " + supportCase.caseNumber() + " is resolved: Sync fails");
    assertThat(text(mails.get(1))).contains("Please update to version 2.1");
    assertThat(timer(instance, TIMER_NO_REPLY).getDuedate()).as("the customer's seven days are calendar days")
        .isEqualTo(Date.from(inSupportsZone("2025-06-13T16:00").toInstant().plus(Duration.ofDays(7))));

    fireTimer(instance, TIMER_NO_REPLY);

    assertThat(instance).isEnded().hasPassed(TASK_CLOSE_CASE, END_CASE_CLOSED).hasNotPassed(TASK_REOPEN_CASE);
    assertThat(supportCases.get(caseId).status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(supportCases.get(caseId).closedAt()).isNotNull();
    assertNoPersonalDataInProcessVariables(instance, email, "Ada", "Lovelace", "Sync fails", "export", "version 2.1");
  }

  @Test
  void shouldReopenAResolvedCaseWhenTheCustomerRepliesAndCloseItLater() throws Exception {
    String email = unique("grace");
    ProcessInstance instance = submit(email, null, "Password reset", "The reset link is expired.",
        CaseCategory.ACCOUNT, null);
    String caseId = instance.getBusinessKey();
    runJobs(instance);
    assertThat(supportCases.get(caseId).priority()).isEqualTo("normal");
    handle(OUTCOME_RESOLVED, "We sent you a new link.");
    runJobs(instance);

    SupportCaseService.ReplyReceipt receipt = supportCases.receiveReply(caseId,
        new CaseReplySubmission("The new link does not work either."), "webform");

    assertThat(receipt.reopened()).isTrue();
    assertThat(receipt.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasPassed(MESSAGE_REPLY_RECEIVED, TASK_REOPEN_CASE);
    assertThat(supportCases.replies(caseId)).singleElement()
        .satisfies(reply -> {
          assertThat(reply.message()).isEqualTo("The new link does not work either.");
          assertThat(reply.receivedBy()).isEqualTo("webform");
          assertThat(reply.reopened()).isTrue();
        });
    assertThat(TestSmtp.messagesTo(email).get(0).getSubject()).contains(supportCases.get(caseId).caseNumber());
    assertThat(text(TestSmtp.messagesTo(email).get(0))).contains("Dear customer");

    handle(OUTCOME_WAITING_FOR_CUSTOMER, "Which browser do you use?");
    runJobs(instance);

    assertThat(instance).isWaitingAt(GATEWAY_AWAIT_REPLY)
        .hasPassed(TASK_SEND_WAITING_EMAIL, TASK_MARK_WAITING_FOR_CUSTOMER);
    assertThat(supportCases.get(caseId).status()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER);
    assertThat(TestSmtp.messagesTo(email)).hasSize(3);
    MimeMessage question = TestSmtp.messagesTo(email).get(2);
    assertThat(question.getSubject()).endsWith("we need more information");
    assertThat(text(question)).contains("Which browser do you use?");

    fireTimer(instance, TIMER_NO_REPLY);
    assertThat(instance).isEnded().hasPassed(END_CASE_CLOSED);
    assertThatThrownBy(() -> supportCases.receiveReply(caseId, new CaseReplySubmission("Chrome"), "webform"))
        .isInstanceOf(ConflictException.class);
    assertThat(supportCases.replies(caseId)).hasSize(1);
    assertNoPersonalDataInProcessVariables(instance, email, "reset link", "new link", "browser", "Chrome");
    assertThat(events.stream(RecordChange.class).filter(change -> change.recordId().equals(caseId))
        .map(change -> change.messageName() + (change.facts().isEmpty() ? "" : " " + change.facts().get("status"))))
        .containsExactly("Case.StatusChanged OPEN", "Case.StatusChanged IN_PROGRESS", "Case.StatusChanged RESOLVED",
            "Case.Resolved", "Case.StatusChanged IN_PROGRESS", "Case.Reopened",
            "Case.StatusChanged WAITING_FOR_CUSTOMER", "Case.StatusChanged CLOSED");
  }

  @Test
  void shouldKeepAReplyToACaseStillBeingHandledWithoutReopeningIt() {
    ProcessInstance instance = submit(unique("kay"), "Kay", "Question", "How do I export?", CaseCategory.OTHER, null);
    runJobs(instance);

    SupportCaseService.ReplyReceipt receipt = supportCases.receiveReply(instance.getBusinessKey(),
        new CaseReplySubmission("Found it, thanks"), "sue");

    assertThat(receipt.reopened()).isFalse();
    assertThat(receipt.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasNotPassed(TASK_REOPEN_CASE);
    assertThat(supportCases.replies(instance.getBusinessKey())).hasSize(1);
  }

  @Test
  void shouldReopenOnceWhenRepliesArriveTogether() throws Exception {
    ProcessInstance instance = submit(unique("race"), "Race", "Question", "Text", CaseCategory.OTHER, null);
    String caseId = instance.getBusinessKey();
    runJobs(instance);
    handle(OUTCOME_RESOLVED, "Done");
    runJobs(instance);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SupportCaseService.ReplyReceipt>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String message = "Reply " + i;
      answers.add(pool.submit(() -> {
        start.await();
        return supportCases.receiveReply(caseId, new CaseReplySubmission(message), "webform");
      }));
    }
    start.countDown();
    List<SupportCaseService.ReplyReceipt> receipts = new ArrayList<>();
    for (Future<SupportCaseService.ReplyReceipt> answer : answers) {
      receipts.add(answer.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(receipts).filteredOn(SupportCaseService.ReplyReceipt::reopened).hasSize(1);
    assertThat(receipts).extracting(SupportCaseService.ReplyReceipt::status).containsOnly(CaseStatus.IN_PROGRESS);
    assertThat(supportCases.replies(caseId)).hasSize(4);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_HANDLE_CASE).count()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAReplyWhenAnOperatorCancelledTheCaseProcess() {
    ProcessInstance instance = submit(unique("joan"), "Joan", "Question", "Text", CaseCategory.OTHER, null);
    runJobs(instance);
    handle(OUTCOME_RESOLVED, "Done");
    runJobs(instance);
    runtimeService.deleteProcessInstance(instance.getId(), "cancelled in Cockpit");

    assertThatThrownBy(() -> supportCases.receiveReply(instance.getBusinessKey(), new CaseReplySubmission("Hi"), "sue"))
        .isInstanceOf(ConflictException.class);
    assertThat(supportCases.replies(instance.getBusinessKey())).isEmpty();
  }

  @Test
  void shouldEscalateAnOverdueCaseToTheSupportLeadsOnce() throws Exception {
    ClockUtil.setCurrentTime(inSupportsZone("2025-06-16T09:00")); // a Monday
    ProcessInstance instance = submit(unique("linus"), "Linus", "Service down", "Nothing loads since 9am.",
        CaseCategory.OTHER, null);
    runJobs(instance);
    String caseNumber = supportCases.get(instance.getBusinessKey()).caseNumber();
    assertThat(supportCases.get(instance.getBusinessKey()).priority()).isEqualTo("urgent");
    assertThat(taskWithForm().getDueDate()).as("urgent: PT4H").isEqualTo(inSupportsZone("2025-06-16T13:00"));
    assertThat(timer(instance, TIMER_CASE_OVERDUE).getDuedate()).isEqualTo(inSupportsZone("2025-06-16T13:00"));

    fireTimer(instance, TIMER_CASE_OVERDUE);
    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE, TASK_NOTIFY_SUPPORT_LEADS)
        .hasPassed(TASK_OFFER_CASE_TO_SUPPORT_LEADS);
    runJobs(instance);

    assertThat(instance).hasPassed(END_CASE_ESCALATED).isWaitingAt(TASK_HANDLE_CASE);
    assertThat(taskService.getIdentityLinksForTask(task().getId())).extracting(IdentityLink::getGroupId)
        .contains("support", "support-leads");
    List<MimeMessage> toLea = TestSmtp.messagesTo("lea@crmflow.example");
    assertThat(toLea).singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Case " + caseNumber + " (urgent) is overdue"));
    assertThat(TestSmtp.messagesTo("sue@crmflow.example")).isEmpty();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count())
        .as("the non-interrupting timer fires once").isZero();
  }

  @Test
  void shouldPayARefundUpToTheLimitWithoutApprovalExactlyOnce() {
    stubRefund(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"re_1001\",\"status\":\"succeeded\"}"));
    ProcessInstance instance = submit(unique("barbara"), "Barbara", "Refund please", "The order arrived broken.",
        CaseCategory.BILLING, new BigDecimal("100.00"));
    String caseId = instance.getBusinessKey();

    runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasPassed(TASK_PAY_REFUND).hasNotPassed(TASK_APPROVE_REFUND);
    SupportCase supportCase = supportCases.get(caseId);
    assertThat(supportCase.refundStatus()).isEqualTo(RefundStatus.PAID);
    assertThat(supportCase.refundReference()).isEqualTo("re_1001");
    assertThat(supportCase.priority()).isEqualTo("high");
    gateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(REFUNDS))
        .withHeader("Idempotency-Key", equalTo(SupportCaseService.refundIdempotencyKey(caseId)))
        .withHeader("Authorization", equalTo("Bearer " + TestPaymentGateway.API_KEY))
        .withRequestBody(equalToJson("""
            {"reference": "%s", "orderReference": "ORD-1", "amount": "100.00", "currency": "EUR"}
            """.formatted(supportCase.caseNumber()))));

    // a second run of the step (a retried job) finds the refund paid and does not ask again
    supportCases.payRefund(caseId);
    gateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(REFUNDS)));
  }

  @Test
  void shouldRetryARefundAfterA503WithTheSameIdempotencyKeyAndPayOnce() {
    gateway.stubFor(post(urlPathEqualTo(REFUNDS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30"))
        .willSetStateTo("recovered"));
    gateway.stubFor(post(urlPathEqualTo(REFUNDS)).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"re_2002\"}")));
    ProcessInstance instance = submit(unique("edsger"), "Edsger", "Double charge", "I was charged twice.",
        CaseCategory.BILLING, new BigDecimal("42.50"));
    String caseId = instance.getBusinessKey();
    runJobsUntil(instance, TASK_PAY_REFUND);
    Job pay = jobAt(instance, TASK_PAY_REFUND);
    int retriesBefore = pay.getRetries();

    Throwable failure = catchThrowable(() -> managementService.executeJob(pay.getId()));

    assertThat(failure).hasMessageContaining("503");
    Job failed = jobAt(instance, TASK_PAY_REFUND);
    assertThat(failed.getRetries()).isEqualTo(retriesBefore - 1);
    assertThat(failed.getDuedate()).isAfter(new Date());
    assertThat(supportCases.get(caseId).refundStatus()).isEqualTo(RefundStatus.REQUESTED);

    managementService.executeJob(failed.getId());
    runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasPassed(TASK_PAY_REFUND).hasNotPassed(EVENT_REFUND_FAILED);
    assertThat(supportCases.get(caseId).refundStatus()).isEqualTo(RefundStatus.PAID);
    assertThat(supportCases.get(caseId).refundReference()).isEqualTo("re_2002");
    gateway.verify(exactly(2), postRequestedFor(urlPathEqualTo(REFUNDS))
        .withHeader("Idempotency-Key", equalTo(SupportCaseService.refundIdempotencyKey(caseId))));
    assertThat(gateway.getAllServeEvents()).extracting(event -> event.getRequest().getHeader("Idempotency-Key"))
        .containsOnly(SupportCaseService.refundIdempotencyKey(caseId));
  }

  @Test
  void shouldRaiseAnIncidentWhenTheGatewayKeepsFailing() {
    stubRefund(aResponse().withStatus(502));
    ProcessInstance instance = submit(unique("alan"), "Alan", "Refund", "Please refund.", CaseCategory.BILLING,
        new BigDecimal("10.00"));
    runJobsUntil(instance, TASK_PAY_REFUND);

    for (int attempt = 0; attempt < 10 && jobAt(instance, TASK_PAY_REFUND).getRetries() > 0; attempt++) {
      catchThrowable(() -> managementService.executeJob(jobAt(instance, TASK_PAY_REFUND).getId()));
    }

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult())
        .satisfies(incident -> {
          assertThat(incident.getActivityId()).isEqualTo(TASK_PAY_REFUND);
          assertThat(incident.getIncidentMessage()).contains("502").doesNotContain(TestPaymentGateway.API_KEY);
        });
    assertThat(supportCases.get(instance.getBusinessKey()).refundStatus()).isEqualTo(RefundStatus.REQUESTED);
    assertThat(gateway.getAllServeEvents()).extracting(event -> event.getRequest().getHeader("Idempotency-Key"))
        .containsOnly(SupportCaseService.refundIdempotencyKey(instance.getBusinessKey()));
  }

  @Test
  void shouldPayALargeRefundASupportLeadApproves() {
    stubRefund(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"re_3\"}"));
    ProcessInstance instance = submit(unique("margaret"), "Margaret", "Refund", "Cancelled subscription",
        CaseCategory.ACCOUNT, new BigDecimal("250.00"));
    runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_APPROVE_REFUND);
    Task approval = taskWithForm();
    assertThat(approval).hasCandidateGroup("support-leads");
    assertThat(approval.getCamundaFormRef().getKey()).isEqualTo("approve-refund");
    gateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(REFUNDS)));

    complete(approval, withVariables(REFUND_APPROVED.name(), true));
    runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasPassed(TASK_PAY_REFUND).hasNotPassed(TASK_REJECT_REFUND);
    assertThat(supportCases.get(instance.getBusinessKey()).refundStatus()).isEqualTo(RefundStatus.PAID);
    gateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(REFUNDS)));
  }

  @Test
  void shouldNotPayARefundASupportLeadRejects() {
    ProcessInstance instance = submit(unique("frances"), "Frances", "Refund", "Want my money back",
        CaseCategory.BILLING, new BigDecimal("5000.00"));
    runJobs(instance);

    complete(task(TASK_APPROVE_REFUND, instance), withVariables(REFUND_APPROVED.name(), false));

    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE).hasPassed(TASK_REJECT_REFUND).hasNotPassed(TASK_PAY_REFUND);
    assertThat(supportCases.get(instance.getBusinessKey()).refundStatus()).isEqualTo(RefundStatus.REJECTED);
    gateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(REFUNDS)));
  }

  @Test
  void shouldTellTheSupportLeadsWhenTheGatewayRefusesARefund() throws Exception {
    stubRefund(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"order_not_refundable\",\"message\":\"Order already refunded\"}}"));
    ProcessInstance instance = submit(unique("donald"), "Donald", "Refund", "Please refund", CaseCategory.BILLING,
        new BigDecimal("80.00"));
    runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE)
        .hasPassed(EVENT_REFUND_FAILED, TASK_NOTIFY_REFUND_FAILED).hasNotPassed(TASK_APPROVE_REFUND);
    SupportCase supportCase = supportCases.get(instance.getBusinessKey());
    assertThat(supportCase.refundStatus()).isEqualTo(RefundStatus.FAILED);
    assertThat(TestSmtp.messagesTo("lea@crmflow.example")).singleElement()
        .satisfies(mail -> {
          assertThat(mail.getSubject()).isEqualTo("Refund for case " + supportCase.caseNumber() + " failed");
          assertThat(text(mail)).contains("80.00").contains("ORD-1");
        });
    gateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(REFUNDS)));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void shouldGoOnWhenTheCustomerAddressIsUndeliverable() {
    // the API rejects such an address; a case created by another route may still carry one
    ProcessInstance instance = submit("not an address", "Nobody", "Hello", "Hi", CaseCategory.OTHER, null);
    runJobs(instance);
    assertThat(instance).hasPassed(EVENT_CASE_RECEIVED_EMAIL_UNDELIVERABLE).isWaitingAt(TASK_HANDLE_CASE);
    assertThat(supportCases.get(instance.getBusinessKey()).priority()).isEqualTo("low");

    handle(OUTCOME_RESOLVED, "Hello to you");
    runJobs(instance);
    assertThat(instance).hasPassed(EVENT_RESOLUTION_EMAIL_UNDELIVERABLE).isWaitingAt(GATEWAY_AWAIT_REPLY);
    assertThat(supportCases.get(instance.getBusinessKey()).status()).isEqualTo(CaseStatus.RESOLVED);

    supportCases.receiveReply(instance.getBusinessKey(), new CaseReplySubmission("More"), "sue");
    handle(OUTCOME_WAITING_FOR_CUSTOMER, "What do you mean?");
    runJobs(instance);
    assertThat(instance).hasPassed(EVENT_WAITING_EMAIL_UNDELIVERABLE).isWaitingAt(GATEWAY_AWAIT_REPLY);
    assertThat(supportCases.get(instance.getBusinessKey()).status()).isEqualTo(CaseStatus.WAITING_FOR_CUSTOMER);
  }

  @Test
  void shouldRefuseToCompleteHandleCaseWithoutAnswerOrOutcome() {
    ProcessInstance instance = submit(unique("ken"), "Ken", "Question", "Text", CaseCategory.OTHER, null);
    runJobs(instance);

    assertThatThrownBy(() -> taskService.complete(task().getId(),
        withVariables(OUTCOME.name(), OUTCOME_RESOLVED, RESOLUTION.name(), " ")))
        .hasMessageContaining("resolution text");
    assertThatThrownBy(() -> taskService.complete(task().getId(),
        withVariables(OUTCOME.name(), "maybe", RESOLUTION.name(), "Answer")))
        .hasMessageContaining("outcome");
    assertThat(instance).isWaitingAt(TASK_HANDLE_CASE);
  }

  private ProcessInstance submit(String email, String name, String subject, String description, CaseCategory category,
      BigDecimal refundAmount) {
    SupportCaseService.CaseReceipt receipt = supportCases.submit(new CaseSubmission(email, name, subject, description, category,
        refundAmount == null ? null : "ORD-1", refundAmount), "test");
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(receipt.processInstanceId()).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo(receipt.caseId());
    assertThat(instance).isWaitingAt(TASK_SEND_CASE_RECEIVED_EMAIL);
    assertThat(supportCases.get(receipt.caseId()).status()).isEqualTo(CaseStatus.OPEN);
    return instance;
  }

  /** Completes "Handle case" the way the Tasklist form does. */
  private void handle(String outcome, String resolution) {
    complete(task(TASK_HANDLE_CASE), withVariables(OUTCOME.name(), outcome, RESOLUTION.name(), resolution));
  }

  /** Runs the instance's due async continuations (not timers) until it waits for something else. */
  private void runJobs(ProcessInstance instance) {
    runJobsUntil(instance, null);
  }

  /** As {@link #runJobs}, but stops before the job at the given activity, for the test to run it. */
  private void runJobsUntil(ProcessInstance instance, String activityId) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = managementService.createJobQuery().processInstanceId(instance.getId()).messages()
          .withRetriesLeft().list();
      if (jobs.isEmpty() || (activityId != null && jobAt(instance, activityId) != null)) {
        return;
      }
      managementService.executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("Instance " + instance.getId() + " keeps creating jobs");
  }

  private Job timer(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(activityId).singleResult();
  }

  /** A local date-time in the support team's zone (src/test/resources/application-test.yaml). */
  private static Date inSupportsZone(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(ZoneId.of("America/New_York")).toInstant());
  }

  private void fireTimer(ProcessInstance instance, String activityId) {
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(activityId).singleResult();
    assertThat(timer).as("timer %s", activityId).isNotNull();
    managementService.executeJob(timer.getId());
  }

  private Job jobAt(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
  }

  private Task taskWithForm() {
    return taskService.createTaskQuery().taskId(task().getId()).initializeFormKeys().singleResult();
  }

  private void stubRefund(ResponseDefinitionBuilder response) {
    gateway.stubFor(post(urlPathEqualTo(REFUNDS)).willReturn(response));
  }

  private void assertNoPersonalDataInProcessVariables(ProcessInstance instance, String... personal) {
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
        .isNotEmpty()
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue())).doesNotContain(personal));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(RESOLUTION.name()).list())
        .allSatisfy(variable -> assertThat(variable.getValue()).isNull());
  }

  private static MimeMessage single(String email) {
    List<MimeMessage> messages = TestSmtp.messagesTo(email);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static String text(MimeMessage message) throws Exception {
    Object content = message.getContent();
    return content instanceof Multipart multipart ? collect(multipart) : String.valueOf(content);
  }

  private static String collect(Multipart multipart) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < multipart.getCount(); i++) {
      Object content = multipart.getBodyPart(i).getContent();
      text.append(content instanceof Multipart nested ? collect(nested) : String.valueOf(content));
    }
    return text.toString();
  }

  private static String unique(String name) {
    return name + "." + UUID.randomUUID() + "@example.org";
  }
}

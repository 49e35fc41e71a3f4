package io.crmflow.quote;

import static io.crmflow.quote.QuoteApprovalProcess.APPROVAL_LEVEL;
import static io.crmflow.quote.QuoteApprovalProcess.APPROVED;
import static io.crmflow.quote.QuoteApprovalProcess.END_QUOTE_ACCEPTED;
import static io.crmflow.quote.QuoteApprovalProcess.END_QUOTE_DECLINED;
import static io.crmflow.quote.QuoteApprovalProcess.END_QUOTE_EXPIRED;
import static io.crmflow.quote.QuoteApprovalProcess.END_QUOTE_REJECTED;
import static io.crmflow.quote.QuoteApprovalProcess.GATEWAY_CUSTOMER_ANSWER;
import static io.crmflow.quote.QuoteApprovalProcess.REASON;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_ACCEPT_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_APPROVE_BY_DIRECTOR;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_APPROVE_BY_MANAGER;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_DECLINE_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_DETERMINE_APPROVAL_LEVEL;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_EXPIRE_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_ISSUE_COUPON;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_MARK_QUOTE_SENT;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_REJECT_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_SEND_COUPON;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_SEND_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_SEND_REJECTION;
import static io.crmflow.quote.QuoteApprovalProcess.BOUNDARY_ACCEPTED_WHILE_REMINDING;
import static io.crmflow.quote.QuoteApprovalProcess.BOUNDARY_DECLINED_WHILE_REMINDING;
import static io.crmflow.quote.QuoteApprovalProcess.BOUNDARY_EXPIRED_WHILE_REMINDING;
import static io.crmflow.quote.QuoteApprovalProcess.END_NO_TIME_FOR_REMINDER;
import static io.crmflow.quote.QuoteApprovalProcess.END_QUOTE_FOLLOWED_UP;
import static io.crmflow.quote.QuoteApprovalProcess.EVENT_QUOTE_ACCEPTED;
import static io.crmflow.quote.QuoteApprovalProcess.EVENT_QUOTE_DECLINED;
import static io.crmflow.quote.QuoteApprovalProcess.FOLLOW_UP_OUTCOME;
import static io.crmflow.quote.QuoteApprovalProcess.REMINDER_AT;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_FOLLOW_UP_QUOTE;
import static io.crmflow.quote.QuoteApprovalProcess.TASK_SEND_QUOTE_REMINDER;
import static io.crmflow.quote.QuoteApprovalProcess.TIMER_QUOTE_EXPIRED;
import static io.crmflow.quote.QuoteApprovalProcess.TIMER_QUOTE_REMINDER_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.crmflow.lead.LeadQualification;
import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.opportunity.Opportunity;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.opportunity.OpportunityStatus;
import io.crmflow.process.RecordChange;
import io.crmflow.shared.ConflictException;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Every path of bpmn/quote-approval.bpmn, with the job executor off and each job executed by the test. */
@ProcessTest
@RecordApplicationEvents
class QuoteApprovalProcessTest {

  private static final String OWNER = "sam";
  private static final String OWNER_EMAIL = "sam@crmflow.example";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired LeadService leadService;
  @Autowired OpportunityService opportunityService;
  @Autowired LeadQualification leadQualification;
  @Autowired QuoteService quoteService;
  @Autowired Coupons coupons;
  @Autowired ApplicationEvents events;

  private String customerEmail;
  private Opportunity opportunity;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
    customerEmail = "grace." + UUID.randomUUID() + "@example.org";
    String leadId = leadService.submit(new LeadSubmission("Grace Hopper", customerEmail, null, "Navy Labs", null,
        null, null, null, false, null, null), "test").receipt().leadId();
    opportunity = leadQualification.qualify(leadId, OWNER);
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  @Test
  void shouldSendASmallDiscountAutomaticallyAndWinTheOpportunityWhenAccepted() throws Exception {
    ProcessInstance approval = requestQuote("5");
    Quote quote = quoteOf(approval);

    assertThat(approval).hasPassed(TASK_DETERMINE_APPROVAL_LEVEL, TASK_MARK_QUOTE_SENT).isWaitingAt(TASK_SEND_QUOTE)
        .hasNotPassed(TASK_APPROVE_BY_MANAGER);
    assertThat(APPROVAL_LEVEL.from(runtimeService.getVariables(approval.getId()))).isEqualTo("automatic");
    assertThat(quote.status()).isEqualTo(QuoteStatus.SENT);
    assertThat(quote.validUntil()).isCloseTo(Instant.now().plus(Duration.ofDays(14)), within(Duration.ofMinutes(1)));
    assertThat(quote.subtotal()).isEqualByComparingTo("1250.00");
    assertThat(quote.discountAmount()).isEqualByComparingTo("62.50");
    assertThat(quote.total()).isEqualByComparingTo("1187.50");

    sendQuote(approval);
    Map<String, String> quoteMail = parts(single(customerEmail));
    assertThat(quoteMail.get("text/html")).contains("<td>Support plan</td>").contains("1187.50")
        .contains("Discount (5 %)").contains("-62.50").contains(quote.id());
    assertThat(quoteMail.get("text/plain")).contains("2. Onboarding &lt;workshop&gt;".replace("&lt;", "<")
        .replace("&gt;", ">")).contains("Total: 1187.50");
    assertThat(quoteMail.get("text/html")).as("escaped").contains("Onboarding &lt;workshop&gt;");

    Quote accepted = quoteService.answer(quote.id(), true);
    assertThat(accepted.status()).isEqualTo(QuoteStatus.ACCEPTED);
    assertThat(approval).hasPassed(BOUNDARY_ACCEPTED_WHILE_REMINDING, TASK_ACCEPT_QUOTE, TASK_ISSUE_COUPON)
        .isWaitingAt(TASK_SEND_COUPON).hasNotPassed(TASK_SEND_QUOTE_REMINDER);
    assertThat(opportunityService.get(opportunity.id()).status()).isEqualTo(OpportunityStatus.WON);
    assertThat(recordChanges()).contains("Opportunity.Won", "Opportunity.StatusChanged");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("deal-won-announcement")
        .processInstanceBusinessKey(opportunity.id()).count()).as("Opportunity.Won reaches the models").isEqualTo(1);
    Coupons.Coupon coupon = coupons.forQuote(quote.id()).orElseThrow();
    assertThat(coupon.code()).matches("[A-Z2-7]{20}");
    assertThat(coupon.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));

    execute(job(TASK_SEND_COUPON));
    assertThat(approval).isEnded().hasPassed(END_QUOTE_ACCEPTED);
    assertThat(TestSmtp.messagesTo(customerEmail)).hasSize(2);
    assertThat(parts(TestSmtp.messagesTo(customerEmail).get(1)).get("text/plain")).contains(coupon.code());
  }

  @Test
  void shouldSendAQuoteTheManagerApproves() {
    ProcessInstance approval = requestQuote("15");

    assertThat(approval).isWaitingAt(TASK_APPROVE_BY_MANAGER);
    assertThat(task()).hasCandidateGroup("sales-managers");
    Task approve = taskService.createTaskQuery().taskId(task().getId()).initializeFormKeys().singleResult();
    assertThat(approve.getCamundaFormRef().getKey()).isEqualTo("approve-quote");
    Map<String, Object> form = processEngine.getFormService().getTaskFormVariables(approve.getId());
    assertThat(form).containsEntry("approvalLevel", "manager").containsEntry("itemCount", 2)
        .containsEntry("discountPercent", 15.0).containsEntry("total", 1062.5);
    assertThat((String) form.get("itemSummary")).contains("5 × Support plan @ 200.00 = 1000.00");
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.IN_APPROVAL);

    claim(task(), "mia");
    complete(task(), withVariables(APPROVED.name(), true));

    assertThat(approval).hasPassed(TASK_MARK_QUOTE_SENT).hasNotPassed(TASK_APPROVE_BY_DIRECTOR)
        .isWaitingAt(TASK_SEND_QUOTE);
    sendQuote(approval);
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.SENT);
    assertThat(TestSmtp.messagesTo(customerEmail)).hasSize(1);
  }

  @Test
  void shouldTellTheOwnerWhyTheManagerRejectedTheQuote() throws Exception {
    ProcessInstance approval = requestQuote("20");

    claim(task(), "mia");
    complete(task(), withVariables(APPROVED.name(), false, REASON.name(), "Margin below <10 %>"));

    assertThat(approval).hasPassed(TASK_REJECT_QUOTE).isWaitingAt(TASK_SEND_REJECTION);
    Quote quote = quoteOf(approval);
    assertThat(quote.status()).isEqualTo(QuoteStatus.REJECTED);
    assertThat(quote.rejectionReason()).isEqualTo("Margin below <10 %>");
    assertThat(quote.rejectedBy()).isEqualTo("mia");
    assertThat(runtimeService.getVariables(approval.getId())).as("the reason lives in the quote")
        .doesNotContainKey(REASON.name());

    execute(job(TASK_SEND_REJECTION));
    assertThat(approval).isEnded().hasPassed(END_QUOTE_REJECTED).hasNotPassed(TASK_SEND_QUOTE);
    Map<String, String> mail = parts(single(OWNER_EMAIL));
    assertThat(mail.get("text/html")).contains("Margin below &lt;10 %&gt;").contains(quote.id());
    assertThat(mail.get("text/plain")).contains("Margin below <10 %>");
    assertThat(TestSmtp.messagesTo(customerEmail)).as("the customer gets nothing").isEmpty();
    assertThat(opportunityService.get(opportunity.id()).status()).as("a new quote may follow")
        .isEqualTo(OpportunityStatus.OPEN);
  }

  @Test
  void shouldRefuseToCompleteARejectionWithoutReason() {
    requestQuote("20");
    Task approve = task();

    assertThatThrownBy(() -> complete(approve, withVariables(APPROVED.name(), false)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reason");
    assertThatThrownBy(() -> complete(approve, withVariables("other", 1)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("approved");
    assertThat(task().getTaskDefinitionKey()).isEqualTo(TASK_APPROVE_BY_MANAGER);
  }

  @Test
  void shouldAskTheDirectorAfterTheManagerForALargeDiscountAndSendOnApproval() {
    ProcessInstance approval = requestQuote("30");

    claim(task(), "mia");
    complete(task(), withVariables(APPROVED.name(), true));

    assertThat(approval).isWaitingAt(TASK_APPROVE_BY_DIRECTOR);
    assertThat(task()).hasCandidateGroup("sales-directors");
    assertThat(runtimeService.getVariables(approval.getId())).as("the director's form opens unticked")
        .doesNotContainKey(APPROVED.name());
    claim(task(), "dan");
    complete(task(), withVariables(APPROVED.name(), true));

    assertThat(approval).hasPassed(TASK_APPROVE_BY_MANAGER, TASK_APPROVE_BY_DIRECTOR, TASK_MARK_QUOTE_SENT)
        .isWaitingAt(TASK_SEND_QUOTE);
    sendQuote(approval);
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.SENT);
  }

  @Test
  void shouldRejectWhenTheDirectorSaysNo() {
    ProcessInstance approval = requestQuote("40");

    claim(task(), "mia");
    complete(task(), withVariables(APPROVED.name(), true));
    claim(task(), "dan");
    complete(task(), withVariables(APPROVED.name(), false, REASON.name(), "Too generous"));

    assertThat(approval).hasPassed(TASK_APPROVE_BY_DIRECTOR, TASK_REJECT_QUOTE).isWaitingAt(TASK_SEND_REJECTION);
    assertThat(quoteOf(approval).rejectedBy()).isEqualTo("dan");
    execute(job(TASK_SEND_REJECTION));
    assertThat(approval).isEnded().hasPassed(END_QUOTE_REJECTED);
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.REJECTED);
    assertThat(TestSmtp.messagesTo(OWNER_EMAIL)).hasSize(1);
  }

  @Test
  void shouldLoseTheOpportunityWhenTheCustomerDeclines() {
    ProcessInstance approval = requestQuote("0");
    sendQuote(approval);

    Quote declined = quoteService.answer(approval.getBusinessKey(), false);

    assertThat(declined.status()).isEqualTo(QuoteStatus.DECLINED);
    assertThat(approval).isEnded().hasPassed(BOUNDARY_DECLINED_WHILE_REMINDING, TASK_DECLINE_QUOTE, END_QUOTE_DECLINED)
        .hasNotPassed(TASK_ACCEPT_QUOTE);
    assertThat(opportunityService.get(opportunity.id()).status()).isEqualTo(OpportunityStatus.LOST);
    assertThat(recordChanges()).contains("Opportunity.Lost", "Opportunity.StatusChanged")
        .doesNotContain("Opportunity.Won");
    assertThat(coupons.forQuote(declined.id())).isEmpty();
    assertConflict(() -> quoteService.answer(declined.id(), true));
  }

  @Test
  void shouldExpireAnUnansweredQuoteAndLoseTheOpportunity() {
    ProcessInstance approval = requestQuote("0", 2);
    Quote sent = quoteOf(approval);
    assertThat(sent.validUntil()).isCloseTo(Instant.now().plus(Duration.ofDays(2)), within(Duration.ofMinutes(1)));
    sendQuote(approval);
    assertThat(approval).hasPassed(END_NO_TIME_FOR_REMINDER);
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(approval.getId())
        .activityId(TIMER_QUOTE_EXPIRED).singleResult().getDuedate()).isEqualTo(java.util.Date.from(sent.validUntil()));

    execute(job(TIMER_QUOTE_EXPIRED));

    assertThat(approval).isEnded().hasPassed(TASK_EXPIRE_QUOTE, END_QUOTE_EXPIRED);
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.EXPIRED);
    assertThat(opportunityService.get(opportunity.id()).status()).isEqualTo(OpportunityStatus.LOST);
    assertThat(recordChanges()).contains("Opportunity.Lost");
    assertConflict(() -> quoteService.answer(sent.id(), true));
  }

  @Test
  void shouldRemindTheCustomerOnceAndGiveTheOwnerATaskBeforeTheQuoteExpires() throws Exception {
    ProcessInstance approval = requestQuote("5", 30);
    Quote sent = quoteOf(approval);
    sendQuote(approval);
    Job reminderDue = processEngine.getManagementService().createJobQuery().processInstanceId(approval.getId())
        .activityId(TIMER_QUOTE_REMINDER_DUE).singleResult();
    // crmflow.quotes.reminder-before: P3D before validUntil
    assertThat(reminderDue.getDuedate()).isEqualTo(java.util.Date.from(sent.validUntil().minus(Duration.ofDays(3))));
    assertThat(remindersTo(customerEmail)).isEmpty();

    Task followUp = sendReminder(approval);

    assertThat(approval).hasPassed(TIMER_QUOTE_REMINDER_DUE, TASK_SEND_QUOTE_REMINDER);
    List<MimeMessage> reminders = remindersTo(customerEmail);
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).getSubject()).isEqualTo("Reminder: your quote " + sent.id());
    assertThat(TestSmtp.plainText(reminders.get(0))).contains("1187.50").contains(sent.id())
        .contains(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC)
            .format(sent.validUntil()));
    assertThat(followUp.getName()).isEqualTo("Follow up quote");
    assertThat(followUp.getAssignee()).as("the opportunity's owner").isEqualTo(opportunity.owner());
    assertThat(taskService.getIdentityLinksForTask(followUp.getId())).anySatisfy(link -> {
      assertThat(link.getType()).isEqualTo(IdentityLinkType.CANDIDATE);
      assertThat(link.getGroupId()).isEqualTo("sales");
    });
    assertThat(followUp.getDueDate()).as("due when the quote expires").isEqualTo(java.util.Date.from(sent.validUntil()));
    assertThat(followUp.getCamundaFormRef().getKey()).isEqualTo(QuoteApprovalProcess.FORM_FOLLOW_UP_QUOTE);

    quoteService.answer(sent.id(), true);

    assertThat(approval).hasPassed(BOUNDARY_ACCEPTED_WHILE_REMINDING, TASK_ACCEPT_QUOTE).isWaitingAt(TASK_SEND_COUPON)
        .hasNotPassed(EVENT_QUOTE_ACCEPTED, END_QUOTE_FOLLOWED_UP);
    assertThat(openTasks(approval)).as("the answer ends the follow-up").isZero();
    assertThat(opportunityService.get(opportunity.id()).status()).isEqualTo(OpportunityStatus.WON);
    execute(job(TASK_SEND_COUPON));
    assertThat(remindersTo(customerEmail)).as("one reminder, never a second").hasSize(1);
  }

  @Test
  void shouldEndTheQuoteFollowUpWhenTheCustomerDeclines() {
    ProcessInstance approval = requestQuote("0", 30);
    remind(approval);

    quoteService.answer(approval.getBusinessKey(), false);

    assertThat(approval).isEnded().hasPassed(BOUNDARY_DECLINED_WHILE_REMINDING, TASK_DECLINE_QUOTE, END_QUOTE_DECLINED)
        .hasNotPassed(END_QUOTE_FOLLOWED_UP);
    assertThat(openTasks(approval)).isZero();
    assertThat(opportunityService.get(opportunity.id()).status()).isEqualTo(OpportunityStatus.LOST);
  }

  @Test
  void shouldEndTheQuoteFollowUpWhenTheQuoteExpires() {
    ProcessInstance approval = requestQuote("0", 30);
    Quote sent = quoteOf(approval);
    remind(approval);
    Job expiry = processEngine.getManagementService().createJobQuery().processInstanceId(approval.getId())
        .activityId(BOUNDARY_EXPIRED_WHILE_REMINDING).singleResult();
    assertThat(expiry.getDuedate()).isEqualTo(java.util.Date.from(sent.validUntil()));

    execute(expiry);

    assertThat(approval).isEnded().hasPassed(BOUNDARY_EXPIRED_WHILE_REMINDING, TASK_EXPIRE_QUOTE, END_QUOTE_EXPIRED)
        .hasNotPassed(TIMER_QUOTE_EXPIRED, END_QUOTE_FOLLOWED_UP);
    assertThat(openTasks(approval)).isZero();
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.EXPIRED);
    assertThat(remindersTo(customerEmail)).hasSize(1);
  }

  @Test
  void shouldWaitForTheAnswerOnceTheOwnerHasFollowedUp() {
    ProcessInstance approval = requestQuote("0", 30);
    Task followUp = remind(approval);

    complete(followUp, withVariables(FOLLOW_UP_OUTCOME.name(), "reached"));

    assertThat(approval).hasPassed(TASK_FOLLOW_UP_QUOTE, END_QUOTE_FOLLOWED_UP).isWaitingAt(GATEWAY_CUSTOMER_ANSWER);
    assertThat(quoteOf(approval).status()).isEqualTo(QuoteStatus.SENT);
    quoteService.answer(approval.getBusinessKey(), true);
    assertThat(approval).hasPassed(EVENT_QUOTE_ACCEPTED, TASK_ACCEPT_QUOTE)
        .hasNotPassed(BOUNDARY_ACCEPTED_WHILE_REMINDING);
  }

  @Test
  void shouldNotRemindAboutAQuoteValidForLessThanTheReminderPeriod() {
    ProcessInstance approval = requestQuote("0", 2);
    sendQuote(approval);

    assertThat(approval).hasPassed(END_NO_TIME_FOR_REMINDER).hasNotPassed(TIMER_QUOTE_REMINDER_DUE)
        .isWaitingAt(GATEWAY_CUSTOMER_ANSWER);
    assertThat(REMINDER_AT.from(runtimeService.getVariables(approval.getId()))).isNull();
    quoteService.answer(approval.getBusinessKey(), false);
    assertThat(approval).isEnded().hasPassed(EVENT_QUOTE_DECLINED, TASK_DECLINE_QUOTE, END_QUOTE_DECLINED);
    assertThat(remindersTo(customerEmail)).isEmpty();
    assertThat(openTasks(approval)).isZero();
  }

  @Test
  void shouldNotAcceptAQuoteStillInApproval() {
    ProcessInstance approval = requestQuote("15");

    assertConflict(() -> quoteService.answer(approval.getBusinessKey(), true));
    assertThat(approval).isWaitingAt(TASK_APPROVE_BY_MANAGER);
  }

  @Test
  void shouldIssueOneCouponPerQuoteHoweverOftenTheStepRuns() {
    ProcessInstance approval = requestQuote("0");
    sendQuote(approval);
    quoteService.answer(approval.getBusinessKey(), true);

    Coupons.Coupon first = coupons.forQuote(approval.getBusinessKey()).orElseThrow();
    Coupons.Coupon again = quoteService.issueCoupon(approval.getBusinessKey());

    assertThat(again.code()).isEqualTo(first.code());
    assertThat(coupons.countFor(approval.getBusinessKey())).isEqualTo(1);
  }

  @Test
  void shouldKeepOnlyIdsAndRoutingFactsInProcessVariables() {
    ProcessInstance approval = requestQuote("20");
    complete(task(), withVariables(APPROVED.name(), false, REASON.name(), "Needs a second look"));
    execute(job(TASK_SEND_REJECTION));

    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(approval.getId()).list())
        .allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
            .doesNotContain("Grace", "Hopper", "grace.", "example.org", "Navy"));
  }

  private ProcessInstance requestQuote(String discountPercent) {
    return requestQuote(discountPercent, null);
  }

  /** Two lines: 5 × 200.00 + 1 × 250.00 = 1250.00 before the discount. */
  private ProcessInstance requestQuote(String discountPercent, Integer validityDays) {
    QuoteRequest request = new QuoteRequest(List.of(
        new QuoteRequest.LineItem("Support plan", 5, new BigDecimal("200.00")),
        new QuoteRequest.LineItem("Onboarding <workshop>", 1, new BigDecimal("250"))),
        new BigDecimal(discountPercent), validityDays);
    Quote quote = quoteService.create(opportunity.id(), request, OWNER);
    ProcessInstance approval = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(quote.id())
        .processDefinitionKey(QuoteApprovalProcess.KEY).singleResult();
    assertThat(approval).isStarted().hasBusinessKey(quote.id()); // also makes it task()'s and job()'s instance
    return approval;
  }

  /**
   * The job that sends the quote email goes on to wait for the customer's answer: one job, no second. It waits
   * for the reminder when there is time for one, else at the gateway alone.
   */
  private void sendQuote(ProcessInstance approval) {
    assertThat(approval).isWaitingAt(TASK_SEND_QUOTE);
    execute(job(TASK_SEND_QUOTE));
    if (REMINDER_AT.from(runtimeService.getVariables(approval.getId())) == null) {
      assertThat(approval).isWaitingAt(GATEWAY_CUSTOMER_ANSWER);
    } else {
      assertThat(approval).isWaitingAt(TIMER_QUOTE_REMINDER_DUE);
    }
  }

  /** Sends the quote, lets the reminder come due and sends it: the owner's "Follow up quote" task is open. */
  private Task remind(ProcessInstance approval) {
    sendQuote(approval);
    return sendReminder(approval);
  }

  /** The quote is sent; the reminder comes due and is sent. */
  private Task sendReminder(ProcessInstance approval) {
    execute(job(TIMER_QUOTE_REMINDER_DUE));
    assertThat(approval).isWaitingAt(TASK_SEND_QUOTE_REMINDER);
    execute(job(TASK_SEND_QUOTE_REMINDER));
    assertThat(approval).isWaitingAt(TASK_FOLLOW_UP_QUOTE);
    return taskService.createTaskQuery().processInstanceId(approval.getId()).initializeFormKeys().singleResult();
  }

  private List<MimeMessage> remindersTo(String address) {
    return TestSmtp.messagesTo(address).stream().filter(message -> {
      try {
        return message.getSubject().startsWith("Reminder: your quote");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private long openTasks(ProcessInstance approval) {
    return taskService.createTaskQuery().processInstanceId(approval.getId()).count();
  }

  private Quote quoteOf(ProcessInstance approval) {
    return quoteService.get(approval.getBusinessKey());
  }

  private List<String> recordChanges() {
    return events.stream(RecordChange.class)
        .filter(change -> change.recordId().equals(opportunity.id()))
        .map(RecordChange::messageName).toList();
  }

  private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(ConflictException.class);
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return org.assertj.core.api.Assertions.within(duration.toSeconds(), java.time.temporal.ChronoUnit.SECONDS);
  }

  private static MimeMessage single(String address) {
    List<MimeMessage> messages = TestSmtp.messagesTo(address);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  static Map<String, String> parts(MimeMessage message) throws Exception {
    Map<String, String> parts = new HashMap<>();
    collect(message.getContent(), parts);
    return parts;
  }

  private static void collect(Object content, Map<String, String> parts) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.getContent() instanceof Multipart nested) {
          collect(nested, parts);
        } else {
          parts.put(part.getContentType().toLowerCase().startsWith("text/html") ? "text/html" : "text/plain",
              (String) part.getContent());
        }
      }
    }
  }
}

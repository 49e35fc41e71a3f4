package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.crmflow.lead.LeadQualification;
import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.opportunity.OpportunityService;
import io.crmflow.opportunity.OpportunityStatus;
import io.crmflow.quote.Quote;
import io.crmflow.quote.QuoteApprovalProcess;
import io.crmflow.quote.QuoteRequest;
import io.crmflow.quote.QuoteService;
import io.crmflow.quote.QuoteStatus;
import io.crmflow.testsupport.ScriptedSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mail layer against an SMTP server that refuses: a 5xx is permanent (BPMN error
 * MailUndeliverable, no retry, log FAILED), a 4xx is retried by the job and then sent exactly once,
 * and user-supplied text never becomes an SMTP envelope recipient or a header of its own.
 * Its own Spring context (and engine) because Spring Mail points at the scripted server, not GreenMail.
 * The engine name has no hyphen: Camunda ignores a hyphenated name and falls back to "default".
 */
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=false",
    // as every process test (ProcessTest): gateways and none events in history, for hasPassed() and coverage
    "camunda.bpm.history-level=audit",
    "camunda.bpm.process-engine-name=smtpFailureTests"})
@ActiveProfiles("test")
@Tag("process")
@Import(ProcessEngineCoverageConfiguration.class)
class SmtpFailureProcessTest {

  private static ScriptedSmtpServer smtp;

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired LeadService leadService;
  @Autowired MessageLog messageLog;
  @Autowired OpportunityService opportunityService;
  @Autowired LeadQualification leadQualification;
  @Autowired QuoteService quoteService;

  @DynamicPropertySource
  static void pointMailAtScriptedServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> ScriptedSmtpServer.FIXED_PORT);
  }

  @BeforeAll
  static void startSmtp() {
    smtp = new ScriptedSmtpServer(ScriptedSmtpServer.FIXED_PORT).start();
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
    smtp.reset();
  }

  @Test
  void shouldTakeTheErrorPathWithoutRetryOnA5xx() {
    String email = address("gone");
    smtp.script(email, "550 5.1.1 mailbox unavailable");
    String leadId = leadService.submit(lead("Ada Lovelace", email, false), "test").receipt().leadId();
    ProcessInstance intake = intakeOf(leadId);

    executeJob(intake, "Task_CreateOrUpdateLead");
    Job welcome = jobAt(intake, "Task_SendWelcomeEmail");
    Throwable failure = catchThrowable(() -> managementService.executeJob(welcome.getId()));

    assertThat(failure).as("a 5xx is handled in the process, not retried by the job").isNull();
    assertThat(intake).hasPassed("Event_WelcomeEmailUndeliverable", "Task_MarkEmailInvalid");
    assertThat(managementService.createJobQuery().jobId(welcome.getId()).singleResult()).isNull();
    assertThat(leadService.get(leadId).emailInvalid()).isTrue();
    MessageLogEntry logged = logEntry(leadId, "welcome", intake);
    assertThat(logged.status()).isEqualTo(MessageStatus.FAILED);
    assertThat(logged.attempts()).isEqualTo(1);
    assertThat(logged.detail()).contains("550");
    assertThat(smtp.rcptCount(email)).as("one RCPT, no retry").isEqualTo(1);
    assertThat(smtp.receivedFor(email)).isEmpty();
  }

  @Test
  void shouldWithdrawAQuoteTheCustomersAddressRefusesAndTellItsOwner() throws Exception {
    String email = address("quote.gone");
    smtp.script(email, "550 5.1.1 mailbox unavailable");
    String leadId = leadService.submit(lead("Ada Lovelace", email, false), "test").receipt().leadId();
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    Quote quote = quoteService.create(opportunityId, new QuoteRequest(
        List.of(new QuoteRequest.LineItem("Support plan", 1, new BigDecimal("100"))), BigDecimal.ZERO, null), "sam");
    ProcessInstance approval = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(QuoteApprovalProcess.KEY).processInstanceBusinessKey(quote.id()).singleResult();

    Throwable failure = catchThrowable(() -> executeJob(approval, QuoteApprovalProcess.TASK_SEND_QUOTE));

    assertThat(failure).as("a 5xx is handled in the process, not retried by the job").isNull();
    assertThat(approval).hasPassed(QuoteApprovalProcess.EVENT_QUOTE_EMAIL_UNDELIVERABLE,
        QuoteApprovalProcess.TASK_WITHDRAW_UNDELIVERABLE_QUOTE)
        .isWaitingAt(QuoteApprovalProcess.TASK_NOTIFY_OWNER_OF_UNDELIVERABLE_QUOTE);
    Quote withdrawn = quoteService.get(quote.id());
    assertThat(withdrawn.status()).isEqualTo(QuoteStatus.REJECTED);
    assertThat(withdrawn.rejectionReason()).contains("could not be delivered");
    assertThat(opportunityService.get(opportunityId).status()).as("open for a new quote")
        .isEqualTo(OpportunityStatus.OPEN);

    executeJob(approval, QuoteApprovalProcess.TASK_NOTIFY_OWNER_OF_UNDELIVERABLE_QUOTE);
    assertThat(approval).isEnded().hasPassed(QuoteApprovalProcess.END_QUOTE_UNDELIVERABLE);
    List<ScriptedSmtpServer.Received> toOwner = smtp.receivedFor("sam@crmflow.example");
    assertThat(toOwner).hasSize(1);
    MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(toOwner.get(0).raw().getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getSubject()).isEqualTo("Quote " + quote.id() + " was rejected");
  }

  /** A reminder the customer's address refuses for good still gives the owner the follow-up: by phone, then. */
  @Test
  void shouldGiveTheOwnerTheQuoteFollowUpWhenTheReminderIsRefused() {
    String email = address("reminder.gone");
    smtp.script(email, "250 OK", "550 5.1.1 mailbox unavailable");
    String leadId = leadService.submit(lead("Ada Lovelace", email, false), "test").receipt().leadId();
    String opportunityId = leadQualification.qualify(leadId, "sam").id();
    Quote quote = quoteService.create(opportunityId, new QuoteRequest(
        List.of(new QuoteRequest.LineItem("Support plan", 1, new BigDecimal("100"))), BigDecimal.ZERO, 30), "sam");
    ProcessInstance approval = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(QuoteApprovalProcess.KEY).processInstanceBusinessKey(quote.id()).singleResult();
    executeJob(approval, QuoteApprovalProcess.TASK_SEND_QUOTE);
    executeJob(approval, QuoteApprovalProcess.TIMER_QUOTE_REMINDER_DUE);

    Throwable failure = catchThrowable(() -> executeJob(approval, QuoteApprovalProcess.TASK_SEND_QUOTE_REMINDER));

    assertThat(failure).as("a 5xx is handled in the process, not retried by the job").isNull();
    assertThat(approval).hasPassed(QuoteApprovalProcess.EVENT_QUOTE_REMINDER_UNDELIVERABLE)
        .isWaitingAt(QuoteApprovalProcess.TASK_FOLLOW_UP_QUOTE);
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(approval.getId()).singleResult()
        .getAssignee()).isEqualTo("sam");
    assertThat(quoteService.get(quote.id()).status()).as("still open for the customer's answer")
        .isEqualTo(QuoteStatus.SENT);
    assertThat(smtp.receivedFor(email)).as("the quote only").hasSize(1);
  }

  @Test
  void shouldRetryA4xxAndThenSendExactlyOnce() {
    String email = address("busy");
    smtp.script(email, "451 4.3.0 try again later", "250 OK");
    String leadId = leadService.submit(lead("Ada Lovelace", email, true), "test").receipt().leadId();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("message-test", leadId,
        Map.of("leadId", leadId));
    Job job = jobAt(instance, "Task_SendProductNews");

    Throwable failure = catchThrowable(() -> managementService.executeJob(job.getId()));

    assertThat(failure).as("a 4xx fails the job, for the job executor to retry").isNotNull();
    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed).as("the job is still there").isNotNull();
    assertThat(failed.getRetries()).isLessThan(3);
    assertThat(failed.getExceptionMessage()).isNotNull().doesNotContainIgnoringCase(email);
    assertThat(managementService.getJobExceptionStacktrace(job.getId())).as("stored in the engine: no address")
        .doesNotContainIgnoringCase(email);
    MessageLogEntry queued = logEntry(leadId, "product-news", instance);
    assertThat(queued.status()).isEqualTo(MessageStatus.QUEUED);
    assertThat(queued.attempts()).isEqualTo(1);
    assertThat(queued.detail()).contains("attempt 1 failed");
    assertThat(smtp.receivedFor(email)).isEmpty();

    managementService.executeJob(job.getId());

    assertThat(smtp.rcptCount(email)).isEqualTo(2);
    assertThat(smtp.receivedFor(email)).hasSize(1);
    MessageLogEntry sent = logEntry(leadId, "product-news", instance);
    assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(2);
    assertThat(sent.messageKey()).isEqualTo(queued.messageKey());
    assertThat(instance).hasPassed("Task_SendProductNews").isWaitingAt("Task_SendSms");
  }

  @Test
  void shouldNeverLetAnInjectedHeaderReachTheSmtpServer() throws Exception {
    String email = address("eve");
    String leadId = leadService.submit(lead("Eve\r\nBcc: attacker@example.org", email, false), "test").receipt().leadId();
    ProcessInstance intake = intakeOf(leadId);

    executeJob(intake, "Task_CreateOrUpdateLead");
    executeJob(intake, "Task_SendWelcomeEmail");

    assertThat(smtp.rcptLog()).containsExactly(email);
    List<ScriptedSmtpServer.Received> received = smtp.receivedFor(email);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).recipients()).containsExactly(email);
    String headers = received.get(0).headerBlock();
    assertThat(headers.split("\r\n")).as("header lines").noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
    // The name is ASCII, so Angus does not RFC 2047-encode it: it quotes it, and folds the CRLF into
    // a continuation line ("To: \"Eve\r\n Bcc: ...\" <eve...>"). See the report on EmailSender.
    String to = unfoldedHeader(headers, "To");
    assertThat(to).as("To header").endsWith("<" + email + ">").doesNotContain("\r", "\n");
    MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(received.get(0).raw().getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed.getHeader("Bcc")).isNull();
    assertThat(parsed.getHeader("Cc")).isNull();
    assertThat(Arrays.stream(parsed.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()))
        .containsExactly(email);
    String personal = ((InternetAddress) parsed.getAllRecipients()[0]).getPersonal();
    assertThat(personal).as("display name").startsWith("Eve").doesNotContain("\r", "\n");
  }

  /** The value of one header in a header block, continuation lines joined. */
  private static String unfoldedHeader(String headerBlock, String name) {
    StringBuilder value = null;
    for (String line : headerBlock.split("\r\n")) {
      if (value != null && (line.startsWith(" ") || line.startsWith("\t"))) {
        value.append(line);
      } else if (value != null) {
        break;
      } else if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        value = new StringBuilder(line.substring(name.length() + 1));
      }
    }
    assertThat(value).as(name + " header").isNotNull();
    return value.toString().strip();
  }

  private ProcessInstance intakeOf(String leadId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("lead-intake")
        .processInstanceBusinessKey(leadId).singleResult();
  }

  private Job jobAt(ProcessInstance instance, String activityId) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    return job;
  }

  private void executeJob(ProcessInstance instance, String activityId) {
    managementService.executeJob(jobAt(instance, activityId).getId());
  }

  private MessageLogEntry logEntry(String leadId, String template, ProcessInstance instance) {
    return messageLog.forRecord(leadId, 10).stream()
        .filter(m -> m.channel() == Channel.EMAIL && m.template().equals(template)
            && instance.getId().equals(m.processInstanceId()))
        .findFirst().orElseThrow(() -> new AssertionError("no '" + template + "' in the message log"));
  }

  private static LeadSubmission lead(String name, String email, boolean marketingConsent) {
    return new LeadSubmission(name, email, "+442079460000", null, null, null, null, null, marketingConsent, null, null);
  }

  private static String address(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}

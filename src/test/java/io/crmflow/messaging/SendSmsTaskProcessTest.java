package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.testsupport.ProcessTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The "Send SMS (crmflow)" element template (src/test/resources/bpmn/sms-test.bpmn): marketing SMS need
 * the contact's SMS consent and are capped like marketing email; a user is texted at the mobile number of
 * their Camunda user info; the provider's id of each SMS is kept for its delivery reports.
 */
@ProcessTest
class SendSmsTaskProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired LeadService leadService;
  @Autowired MessageLog messageLog;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
  }

  @Test
  void shouldSendMarketingSmsOnlyWithSmsConsentAndKeepTheProviderId() {
    String withConsent = leadId(true);
    String withoutConsent = leadId(false);

    run(start(withConsent, "sam"), "Task_SendSmsOffer");
    run(start(withoutConsent, "sam"), "Task_SendSmsOffer");

    MessageLogEntry sent = offerTo(withConsent).get(0);
    assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sent.providerMessageId()).as("the log-only sender's id").isEqualTo("dev-" + sent.messageKey());
    assertThat(offerTo(withoutConsent)).extracting(MessageLogEntry::status).containsExactly(MessageStatus.SUPPRESSED);
  }

  @Test
  void shouldDeferTheMarketingSmsOverTheDailyCap() {
    String leadId = leadId(true);

    for (int i = 0; i < 3; i++) {
      run(start(leadId, "sam"), "Task_SendSmsOffer");
    }

    assertThat(offerTo(leadId)).extracting(MessageLogEntry::status)
        .containsExactlyInAnyOrder(MessageStatus.SENT, MessageStatus.SENT, MessageStatus.DEFERRED);
  }

  @Test
  void shouldTextAUserAtTheirMobileNumber() {
    ProcessInstance instance = start(leadId(true), "sam");
    run(instance, "Task_SendSmsOffer");

    run(instance, "Task_TextUser");

    assertThat(instance).isEnded().hasPassed("EndEvent_Ended");
    // logged against the contact the record is about, whom the text may name
    MessageLogEntry texted = messageLog.forContact(leadService.get(instance.getBusinessKey()).contactId(), 10)
        .stream().filter(message -> "user".equals(message.recipientKind())).findFirst().orElseThrow();
    assertThat(texted.channel()).isEqualTo(Channel.SMS);
    assertThat(texted.recipient()).isEqualTo("+12025550143");
    assertThat(texted.status()).isEqualTo(MessageStatus.SENT);
  }

  @Test
  void shouldRaiseSmsUndeliverableForAUserWithoutAMobileNumber() {
    ProcessInstance instance = start(leadId(true), "mia");
    run(instance, "Task_SendSmsOffer");

    run(instance, "Task_TextUser");

    assertThat(instance).isEnded().hasPassed("EndEvent_NotTexted");
  }

  private List<MessageLogEntry> offerTo(String leadId) {
    return messageLog.forRecord(leadId, 10).stream()
        .filter(message -> "contact".equals(message.recipientKind()) && message.channel() == Channel.SMS).toList();
  }

  private String leadId(boolean smsConsent) {
    return leadService.submit(new LeadSubmission("Grace Hopper", "grace." + UUID.randomUUID() + "@example.org",
        "+442079460000", null, null, null, null, null, false, smsConsent, null), "test").receipt().leadId();
  }

  private ProcessInstance start(String leadId, String textUser) {
    return runtimeService.startProcessInstanceByKey("sms-test", leadId, Map.of("leadId", leadId, "textUser", textUser));
  }

  private void run(ProcessInstance instance, String activityId) {
    execute(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult());
  }
}

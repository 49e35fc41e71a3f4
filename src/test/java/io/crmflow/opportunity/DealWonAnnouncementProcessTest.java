package io.crmflow.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.crmflow.process.RecordChange;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** bpmn/deal-won-announcement.bpmn: the example of a record-change automation without Java in docs/automations.md. */
@ProcessTest
class DealWonAnnouncementProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
  }

  /**
   * Issue 16 item 4: no job outlasts its lock. A job sending to a group stops once its budget is spent
   * (here none: one member per try) and its retry sends to the rest, never twice to anyone.
   */
  @Test
  void shouldLeaveTheRestOfTheGroupToTheRetryOnceTheBudgetIsSpent() throws Exception {
    User second = identityService.newUser("mike" + UUID.randomUUID().toString().replace("-", "").substring(0, 6));
    second.setEmail(second.getId() + "@crmflow.example");
    identityService.saveUser(second);
    identityService.createMembership(second.getId(), "sales-managers");
    try {
      String opportunityId = UUID.randomUUID().toString();
      transactions.executeWithoutResult(status -> events.publishEvent(
          RecordChange.of("Opportunity", "Won", opportunityId).with("owner", "sam")));
      ProcessInstance instance = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey("deal-won-announcement").processInstanceBusinessKey(opportunityId).singleResult();

      Job announce = job(instance);
      assertThatThrownBy(() -> processEngine.getManagementService().executeJob(announce.getId()))
          .hasMessageContaining("the rest on the next try");
      assertThat(TestSmtp.server().getReceivedMessages()).as("one member within the budget").hasSize(1);
      processEngine.getManagementService().executeJob(announce.getId());

      assertThat(instance).isEnded();
      assertThat(TestSmtp.messagesTo("mia@crmflow.example")).hasSize(1);
      assertThat(TestSmtp.messagesTo(second.getEmail())).hasSize(1);
    } finally {
      identityService.deleteUser(second.getId());
    }
  }

  @Test
  void shouldTellEverySalesManagerWhenAnOpportunityIsWon() throws Exception {
    String opportunityId = UUID.randomUUID().toString();

    transactions.executeWithoutResult(status -> events.publishEvent(
        RecordChange.of("Opportunity", "Won", opportunityId).with("owner", "sam")));

    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("deal-won-announcement").processInstanceBusinessKey(opportunityId).singleResult();
    assertThat(instance).isWaitingAt("Task_AnnounceDealWon");
    execute(job());
    assertThat(instance).hasPassed("Task_AnnounceDealWon", "EndEvent_DealAnnounced").isEnded();

    List<MimeMessage> received = TestSmtp.messagesTo("mia@crmflow.example");
    assertThat(received).hasSize(1);
    assertThat(received.get(0).getSubject()).isEqualTo("An opportunity was won");
    assertThat(TestSmtp.plainText(received.get(0))).contains("opportunity " + opportunityId + " was won by sam")
        .contains("http://localhost:8080/api/opportunities/" + opportunityId);
  }
}

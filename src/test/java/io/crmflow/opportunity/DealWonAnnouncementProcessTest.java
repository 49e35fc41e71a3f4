package io.crmflow.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.crmflow.support.ProcessTest;
import io.crmflow.support.TestSmtp;
import io.crmflow.workflow.RecordChange;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** bpmn/deal-won-announcement.bpmn: the README's example of a record-change automation without Java. */
@ProcessTest
class DealWonAnnouncementProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;

  @BeforeEach
  void setUp() throws Exception {
    AbstractAssertions.init(processEngine);
    TestSmtp.purge();
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

package io.crmflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.crmflow.support.ProcessTest;
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

/**
 * Record changes reach the engine as BPMN messages {@code <Entity>.<Change>} with the record id as
 * business key (src/test/resources/bpmn/record-change-test.bpmn starts on Lead.StatusChanged and
 * then waits for the next one), in the publisher's transaction.
 */
@ProcessTest
class RecordChangeProcessTest {

  private static final String TEST_PROCESS = "record-change-test";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(processEngine);
  }

  @Test
  void shouldStartProcessWithMatchingMessageStartEventKeyedByTheRecord() {
    String leadId = UUID.randomUUID().toString();

    publish(RecordChange.of("Lead", "StatusChanged", leadId).with("status", "NURTURING"));

    ProcessInstance instance = instanceFor(leadId);
    assertThat(instance).isWaitingAt("Event_LeadStatusChangedAgain")
        .variables().containsEntry("recordId", leadId).containsEntry("recordType", "Lead")
        .containsEntry("change", "StatusChanged").containsEntry("status", "NURTURING");
  }

  @Test
  void shouldContinueTheRecordsWaitingInstanceAndLeaveOtherRecordsAlone() {
    String leadId = UUID.randomUUID().toString();
    String otherLeadId = UUID.randomUUID().toString();
    publish(RecordChange.of("Lead", "StatusChanged", leadId));
    publish(RecordChange.of("Lead", "StatusChanged", otherLeadId));
    ProcessInstance waiting = instanceFor(leadId);

    publish(RecordChange.of("Lead", "StatusChanged", leadId).with("status", "COLD"));

    assertThat(waiting).hasPassed("Event_LeadStatusChangedAgain").isEnded();
    assertThat(instanceFor(otherLeadId)).isWaitingAt("Event_LeadStatusChangedAgain");
    // the second change of the first lead also started a new instance for it: message start events always listen
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(TEST_PROCESS)
        .processInstanceBusinessKey(leadId).count()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreAChangeNoProcessListensFor() {
    String opportunityId = UUID.randomUUID().toString();

    publish(RecordChange.of("Opportunity", "Renamed", opportunityId));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(opportunityId).count()).isZero();
  }

  @Test
  void shouldRollBackTheTriggeredProcessWithTheRecordChange() {
    String leadId = UUID.randomUUID().toString();

    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      events.publishEvent(RecordChange.of("Lead", "StatusChanged", leadId));
      throw new IllegalStateException("the record change failed");
    })).hasMessage("the record change failed");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();
  }

  @Test
  void shouldRefuseNamesThatAreNotMessageNameParts() {
    assertThatThrownBy(() -> RecordChange.of("lead", "StatusChanged", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordChange.of("Lead", "Status.Changed", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  private void publish(RecordChange change) {
    transactions.executeWithoutResult(status -> events.publishEvent(change));
  }

  private ProcessInstance instanceFor(String recordId) {
    List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(TEST_PROCESS).processInstanceBusinessKey(recordId).list();
    assertThat(instances).hasSize(1);
    return instances.get(0);
  }
}

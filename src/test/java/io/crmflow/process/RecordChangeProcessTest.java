package io.crmflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.crmflow.process.RecordChange;
import io.crmflow.testsupport.ProcessTest;
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
 * business key, in the publisher's transaction. src/test/resources/bpmn/record-change-test.bpmn starts
 * on Probe.StatusChanged and then waits for the next one; a made-up entity, so that the test model,
 * deployed in every test context, never reacts to real records.
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
    String probeId = UUID.randomUUID().toString();

    publish(RecordChange.of("Probe", "StatusChanged", probeId).with("status", "NURTURING"));

    ProcessInstance instance = instanceFor(probeId);
    assertThat(instance).isWaitingAt("Event_ProbeStatusChangedAgain")
        .variables().containsEntry("recordId", probeId).containsEntry("recordType", "Probe")
        .containsEntry("change", "StatusChanged").containsEntry("status", "NURTURING");
  }

  @Test
  void shouldContinueTheRecordsWaitingInstanceAndLeaveOtherRecordsAlone() {
    String probeId = UUID.randomUUID().toString();
    String otherProbeId = UUID.randomUUID().toString();
    publish(RecordChange.of("Probe", "StatusChanged", probeId));
    publish(RecordChange.of("Probe", "StatusChanged", otherProbeId));
    ProcessInstance waiting = instanceFor(probeId);

    publish(RecordChange.of("Probe", "StatusChanged", probeId).with("status", "COLD"));

    assertThat(waiting).hasPassed("Event_ProbeStatusChangedAgain").isEnded();
    assertThat(instanceFor(otherProbeId)).isWaitingAt("Event_ProbeStatusChangedAgain");
    // the second change of the first lead also started a new instance for it: message start events always listen
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(TEST_PROCESS)
        .processInstanceBusinessKey(probeId).count()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreAChangeNoProcessListensFor() {
    String opportunityId = UUID.randomUUID().toString();

    publish(RecordChange.of("Opportunity", "Renamed", opportunityId));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(opportunityId).count()).isZero();
  }

  @Test
  void shouldRollBackTheTriggeredProcessWithTheRecordChange() {
    String probeId = UUID.randomUUID().toString();

    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
      events.publishEvent(RecordChange.of("Probe", "StatusChanged", probeId));
      throw new IllegalStateException("the record change failed");
    })).hasMessage("the record change failed");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(probeId).count()).isZero();
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

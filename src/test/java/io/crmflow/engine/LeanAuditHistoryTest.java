package io.crmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.engine.LeanAuditHistory.LeanAuditHistoryLevel;
import io.crmflow.process.ProcessTimeline;
import io.crmflow.testsupport.ApiTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shipped history level {@code lean-audit}: a process's gateways and none start and end events
 * leave no activity history, everything that waits or works does, and the timeline still shows the
 * named start and end.
 */
@ApiTest
class LeanAuditHistoryTest {

  private static final String PROCESS = "lean-audit-probe";
  private static final String MESSAGE = "LeanAuditProbe.Continue";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ProcessTimeline timeline;
  @Autowired JdbcClient jdbc;

  private Deployment deployment;

  @BeforeEach
  void deploy() {
    deployment = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn",
        Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Begun").name("Begun")
            .exclusiveGateway("Gateway_Route")
            .serviceTask("Task_Work").name("Work").camundaExpression("${true}")
            .parallelGateway("Gateway_Fork")
            .serviceTask("Task_Left").name("Left").camundaExpression("${true}")
            .parallelGateway("Gateway_Join")
            .intermediateCatchEvent("Event_Continue").name("Continue").message(MESSAGE)
            .subProcess("SubProcess_Inner").name("Inner").embeddedSubProcess()
            .startEvent("StartEvent_Inner").name("Inner begun").endEvent("EndEvent_Inner").name("Inner done")
            .subProcessDone()
            .endEvent("EndEvent_Done").name("Done")
            .moveToNode("Gateway_Fork")
            .serviceTask("Task_Right").name("Right").camundaExpression("${true}")
            .connectTo("Gateway_Join")
            .moveToNode("Gateway_Fork")
            .endEvent("EndEvent_SidePath").name("Side path done")
            .done())
        .deploy();
  }

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void shouldBeTheShippedLevelStoredAsAudit() {
    HistoryLevel level = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getHistoryLevel();
    assertThat(level.getName()).isEqualTo("lean-audit");
    assertThat(level.getId()).isEqualTo(HistoryLevel.HISTORY_LEVEL_AUDIT.getId());
    assertThat(jdbc.sql("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'").query(String.class)
        .single()).isEqualTo("2");
  }

  @Test
  void shouldKeepStepsAndWaitsButNotRouting() {
    String businessKey = UUID.randomUUID().toString();
    String id = runtimeService.startProcessInstanceByKey(PROCESS, businessKey).getId();
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(businessKey).correlate();

    List<String> recorded = historyService.createHistoricActivityInstanceQuery().processInstanceId(id)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricActivityInstance::getActivityId).toList();
    // a sub-process's none events and the end of a parallel path are kept: the instance's row names only
    // the process's own start and the end that ended it
    assertThat(recorded).containsExactlyInAnyOrder("Task_Work", "Task_Left", "Task_Right", "EndEvent_SidePath",
        "Event_Continue", "SubProcess_Inner", "StartEvent_Inner", "EndEvent_Inner");

    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(id)
        .singleResult();
    assertThat(instance.getStartActivityId()).isEqualTo("StartEvent_Begun");
    assertThat(instance.getEndActivityId()).isEqualTo("EndEvent_Done");
    assertThat(instance.getEndTime()).isNotNull();

    assertThat(timeline.of(businessKey)).extracting(ProcessTimeline.Step::name)
        .startsWith("Begun").endsWith("Done").contains("Work", "Left", "Right", "Side path done", "Continue", "Inner begun", "Inner done")
        .doesNotContain((String) null);
  }

  @Test
  void shouldShowTheRestOfTheTimelineWhenTheDeploymentIsGone() {
    String businessKey = UUID.randomUUID().toString();
    runtimeService.startProcessInstanceByKey(PROCESS, businessKey);
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(businessKey).correlate();

    // without cascade: the ended instance's history stays, its model does not
    repositoryService.deleteDeployment(deployment.getId(), false);
    deployment = null;

    assertThat(timeline.of(businessKey)).extracting(ProcessTimeline.Step::name)
        .contains("Work", "Continue").doesNotContain("Begun", "Done");
  }

  @Test
  void shouldFilterOnlyActivityInstancesOfRoutingElements() {
    LeanAuditHistoryLevel level = new LeanAuditHistoryLevel();
    // asked without an entity, the level answers like audit for every kind of event
    for (HistoryEventTypes type : HistoryEventTypes.values()) {
      assertThat(level.isHistoryEventProduced(type, null)).as(type.name())
          .isEqualTo(HistoryLevel.HISTORY_LEVEL_AUDIT.isHistoryEventProduced(type, null));
    }
    assertThat(LeanAuditHistoryLevel.ROUTING_TYPES).doesNotContain("eventBasedGateway", "messageStartEvent",
        "intermediateMessageCatch", "startTimerEvent", "errorEndEvent", "terminateEndEvent");
  }
}

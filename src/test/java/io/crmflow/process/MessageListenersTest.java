package io.crmflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A record change nothing subscribes to is not handed to the engine, and the answer follows deployments
 * made here or by "another node" (a {@link MessageListeners} of its own) and instances waiting for a
 * name given as an expression. Every name is made up for the test (entity "Probe"), so real models never react,
 * and every test deploys its own models and deletes them with their instances.
 */
@ProcessTest
class MessageListenersTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired MessageListeners listeners;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void shouldNotHandAChangeNobodyModelsToTheEngine() {
    String probeId = UUID.randomUUID().toString();
    publish(RecordChange.of("Probe", "Renamed", probeId));

    List<String> skipped = Statements.runBy(() -> publish(RecordChange.of("Probe", "Renamed", probeId)));
    List<String> correlated = Statements.runBy(() -> transactions.executeWithoutResult(status -> runtimeService
        .createMessageCorrelation("Probe.Renamed").processInstanceBusinessKey(probeId).correlateAllWithResult()));

    System.out.printf("An unheard record change: %d statement(s) instead of a correlation's %d%n  skipped: %s%n"
        + "  correlation: %s%n", skipped.size(), correlated.size(), skipped, correlated);
    assertThat(skipped).as("only the subscriptions of that name are counted").singleElement().asString()
        .contains("ACT_RU_EVENT_SUBSCR").contains("JdbcTemplate");
    assertThat(correlated).as("the engine's statements are counted too").hasSizeGreaterThan(skipped.size())
        .anySatisfy(statement -> assertThat(statement).contains("ACT_RU_EVENT_SUBSCR"));
  }

  @Test
  void shouldStillStartAndContinueInstancesOfAHeardName() {
    String probeId = UUID.randomUUID().toString();
    publish(RecordChange.of("Probe", "StatusChanged", probeId));

    List<String> heard = Statements.runBy(() -> publish(RecordChange.of("Probe", "StatusChanged", probeId)));

    assertThat(heard).as("a heard name goes straight to the correlation")
        .noneMatch(statement -> statement.contains("JdbcTemplate"))
        .anySatisfy(statement -> assertThat(statement).contains("ACT_RU_EVENT_SUBSCR"));
    // record-change-test started on the first change, was continued by the second, which started another
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("record-change-test")
        .processInstanceBusinessKey(probeId).count()).isEqualTo(1);
  }

  @Test
  void shouldReachAModelDeployedAfterAnUnheardAnswer() {
    String probeId = UUID.randomUUID().toString();
    publish(RecordChange.of("Probe", "Archived", probeId));
    assertThat(listeners.mayListenTo("Probe.Archived")).isFalse();

    deploy(startedBy("probe-archived", "Probe.Archived"));
    publish(RecordChange.of("Probe", "Archived", probeId));

    assertThat(instancesOf("probe-archived", probeId)).isEqualTo(1);
  }

  @Test
  void shouldSeeADeploymentOfAnotherNode() {
    MessageListeners otherNode = new MessageListeners(jdbc);
    assertThat(otherNode.mayListenTo("Probe.Merged")).isFalse();

    deploy(startedBy("probe-merged", "Probe.Merged"));

    assertThat(otherNode.mayListenTo("Probe.Merged")).as("nothing of this node's was told").isTrue();
    assertThat(Statements.runBy(() -> assertThat(otherNode.mayListenTo("Probe.Merged")).isTrue()))
        .as("a heard name needs no query").isEmpty();
  }

  @Test
  void shouldHearAnInstanceWaitingForAnExpressionMessageName() {
    String probeId = UUID.randomUUID().toString();
    assertThat(listeners.mayListenTo("Probe.Closed")).isFalse();
    deploy(Bpmn.createExecutableProcess("probe-expression").camundaHistoryTimeToLive(1)
        .startEvent().intermediateCatchEvent("Event_ProbeChanged").message("Probe.${awaited}").endEvent().done());
    runtimeService.startProcessInstanceByKey("probe-expression", probeId, Map.of("awaited", "Closed"));

    publish(RecordChange.of("Probe", "Closed", probeId));

    assertThat(instancesOf("probe-expression", probeId)).as("the instance waiting for Probe.Closed ended").isZero();
    assertThat(listeners.mayListenTo("Probe.Opened")).as("the name as resolved, not every name").isFalse();
  }

  /** A process that starts on the message and then waits, so that a started instance can be counted. */
  private static BpmnModelInstance startedBy(String key, String messageName) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().message(messageName).userTask("Task_Wait").endEvent().done();
  }

  private String deploy(BpmnModelInstance model) {
    String id = repositoryService.createDeployment().name("message-listeners-test")
        .addModelInstance("message-listeners-test.bpmn", model).deploy().getId();
    deployments.add(id);
    return id;
  }

  private long instancesOf(String key, String businessKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(businessKey)
        .count();
  }

  private void publish(RecordChange change) {
    transactions.executeWithoutResult(status -> events.publishEvent(change));
  }
}

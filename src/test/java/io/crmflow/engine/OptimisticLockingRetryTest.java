package io.crmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two jobs of one instance finishing at the same moment collide on the engine's optimistic lock
 * (the parallel join updates their common parent). The job executor retries the loser at once,
 * without using up a retry: every instance ends and no incident is raised. On H2 and
 * on PostgreSQL, with the application's job executor.
 */
@ApiTest
class OptimisticLockingRetryTest {

  private static final String KEY = "optimistic-locking-probe";
  private static final int INSTANCES = 10;

  /** Per instance: both branches wait here on their first run, so their transactions overlap for sure. */
  static final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();
  static final Set<String> firstRuns = ConcurrentHashMap.newKeySet();
  static final AtomicInteger runs = new AtomicInteger();

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  private String deploymentId;

  /** Both branches run in the same moment the first time; a retry runs alone. */
  public static class MeetTheOtherBranch implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) throws Exception {
      runs.incrementAndGet();
      if (firstRuns.add(execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId())) {
        try {
          barriers.computeIfAbsent(execution.getProcessInstanceId(), id -> new CyclicBarrier(2))
              .await(5, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException alone) {
          // the other branch ran on another thread's schedule: no overlap this time
        }
      }
    }
  }

  @AfterEach
  void undeploy() {
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void shouldRetryJobsThatLoseTheOptimisticLockWithoutIncidents() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).name("Optimistic locking probe")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started").name("Started")
        .parallelGateway("Gateway_Fork").name("Fork")
        .serviceTask("Task_BranchA").name("Branch A").camundaAsyncBefore().camundaExclusive(false)
          .camundaClass(MeetTheOtherBranch.class.getName())
        .parallelGateway("Gateway_Join").name("Join")
        .endEvent("EndEvent_Done").name("Done")
        .moveToNode("Gateway_Fork")
        .serviceTask("Task_BranchB").name("Branch B").camundaAsyncBefore().camundaExclusive(false)
          .camundaClass(MeetTheOtherBranch.class.getName())
        .connectTo("Gateway_Join")
        .done();
    deploymentId = repositoryService.createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model)
        .deploy().getId();
    barriers.clear();
    firstRuns.clear();
    runs.set(0);

    List<String> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      instances.add(runtimeService.startProcessInstanceByKey(KEY).getId());
    }

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count()
            == INSTANCES);

    int retried = runs.get() - 2 * INSTANCES;
    assertThat(historyService.createHistoricIncidentQuery().processDefinitionKey(KEY).count())
        .as("no incident, not even a resolved one").isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).completed().count())
        .as("every instance ran to its end event").isEqualTo(INSTANCES);
    assertThat(retried).as("branch runs beyond one per branch are retries after an optimistic-locking failure")
        .isPositive();
    System.out.printf("Optimistic locking: %d instances, %d branch jobs lost the optimistic lock and were retried; "
        + "0 incidents%n", INSTANCES, retried);
  }
}

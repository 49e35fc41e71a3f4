package io.crmflow.metrics;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throughput rate, efficiency and flow efficiency on a known history around the window
 * [base, base + 1 h), every value to the unit:
 *
 * <pre>
 * A  started base − 30 min, completed base + 10 min (in flight at the start): service task 1 min, timer 20 min,
 *    user task 19 min claimed after 10 of them → work 1 + 9 = 10 min of 40
 * B  started base + 5 min, completed base + 25 min: service task 2 min, message wait 10 min, user task 8 min
 *    assigned at creation → work 2 + 8 = 10 min of 20
 * C  started base + 10 min, terminated base + 15 min
 * D  started base − 2 h, still running (in flight at the start)
 * E  started base + 50 min, still running
 * F  started base − 3 h, completed base − 1 h (before the window: no part of it)
 * G  started base + 40 min, completed base + 70 min (after the window)
 * H  started base + 30 min, completed base + 40 min: its user task never claimed → work 0 of 10 min
 * </pre>
 *
 * In flight at the start A, D and the known history's two running instances (see {@link KnownHistory}, ten
 * hours before); started in the window B, C, E, G, H: 9 in all, 3 of them completed (A, B, H).
 * Also an instance the engine really runs, for where the times come from: the claim recorded by
 * {@link TaskClaims}, and an asyncBefore step whose queue wait is not in its activity instance.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThroughputRateAndEfficiencyTest {

  private static final long MINUTE = 60_000;

  @Autowired Api api;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  private KnownHistory history;
  private Instant base;

  @BeforeAll
  void writeKnownHistory() {
    history = new KnownHistory(repositoryService, jdbc,
        Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(5)));
    // the window starts 10 hours after the known history's own 13 instances, all over by then
    base = history.base.plus(Duration.ofHours(10));
    String a = completed(-30, 40);
    history.insertActivity(a, "Task_Check", "serviceTask", at(-30), MINUTE);
    history.insertActivity(a, "Timer_Wait", "intermediateTimer", at(-29), 20 * MINUTE);
    history.claim(history.insertActivity(a, KnownHistory.USER_TASK, "userTask", at(-9), 19 * MINUTE), a, at(1));
    String b = completed(5, 20);
    history.insertActivity(b, "Task_Check", "serviceTask", at(5), 2 * MINUTE);
    history.insertActivity(b, "Message_Reply", "intermediateMessageCatch", at(7), 10 * MINUTE);
    history.claim(history.insertActivity(b, KnownHistory.USER_TASK, "userTask", at(17), 8 * MINUTE), b, at(17));
    history.insertInstance(at(10), 5 * MINUTE, "EXTERNALLY_TERMINATED", KnownHistory.USER_TASK); // C
    history.insertInstance(at(-120), null, "ACTIVE", null); // D
    history.insertInstance(at(50), null, "ACTIVE", null); // E
    completed(-180, 120); // F
    completed(40, 30); // G
    String h = completed(30, 10);
    history.insertActivity(h, KnownHistory.USER_TASK, "userTask", at(30), 10 * MINUTE);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldAnswerThroughputRateAndEfficiencyOfTheWindow() {
    DocumentContext json = json(api.get("mia", "/api/metrics/workflows/" + history.key + "?" + window()));

    for (String summary : List.of("$.process", "$.process.versions[0]")) {
      assertThat((Integer) json.read(summary + ".started")).isEqualTo(5);
      assertThat((Integer) json.read(summary + ".completed")).isEqualTo(3);
      assertThat((Integer) json.read(summary + ".terminated")).isEqualTo(1);
      assertThat((Integer) json.read(summary + ".inFlightAtStart")).isEqualTo(4);
      assertThat((Integer) json.read(summary + ".totalInWindow")).isEqualTo(9);
      assertThat((Integer) json.read(summary + ".completedInWindow")).isEqualTo(3);
      assertThat((Double) json.read(summary + ".throughputRate")).isEqualTo(0.333); // 3 ÷ 9
      assertThat((Double) json.read(summary + ".efficiency")).isEqualTo(0.333);
      assertThat((Integer) json.read(summary + ".flow.instances")).isEqualTo(3);
      assertThat((Integer) json.read(summary + ".flow.workMillis")).isEqualTo(1_200_000); // 10 + 10 + 0 min
      assertThat((Integer) json.read(summary + ".flow.endToEndMillis")).isEqualTo(4_200_000); // 40 + 20 + 10 min
      assertThat((Double) json.read(summary + ".flowEfficiency")).isEqualTo(0.286);
    }
    DocumentContext overview = json(api.get("dan", "/api/metrics/workflows?" + window()));
    String process = "$.processes[?(@.processKey == '" + history.key + "')]";
    assertThat((List<Object>) overview.read(process + ".throughputRate")).containsExactly(0.333);
    assertThat((List<Object>) overview.read(process + ".flowEfficiency")).containsExactly(0.286);
  }

  @Test
  void shouldCarryTheInstancesInFlightFromBucketToBucket() {
    DocumentContext json = json(api.get("lea",
        "/api/metrics/workflows/" + history.key + "/throughput?bucket=PT30M&" + window()));

    assertThat((List<Object>) json.read("$.buckets[*].inFlightAtStart")).containsExactly(4, 3); // A, D and two; then D and two
    assertThat((List<Object>) json.read("$.buckets[*].started")).containsExactly(2, 3);
    assertThat((List<Object>) json.read("$.buckets[*].totalInBucket")).containsExactly(6, 6);
    assertThat((List<Object>) json.read("$.buckets[*].completed")).containsExactly(2, 1);
    assertThat((List<Object>) json.read("$.buckets[*].throughputRate")).containsExactly(0.333, 0.167);
    assertThat((List<Object>) json.read("$.buckets[*].flowEfficiency")).containsExactly(0.333, 0.0); // 20 of 60 min
  }

  @Test
  void shouldLeaveTheRatesOutOfAWindowWithoutInstances() {
    String empty = "from=" + base.minus(Duration.ofDays(1)) + "&to=" + base.minus(Duration.ofDays(1)).plusSeconds(60);

    DocumentContext json = json(api.get("mia", "/api/metrics/workflows/" + history.key + "?" + empty));

    assertThat((Integer) json.read("$.process.totalInWindow")).isZero();
    assertThat(json.jsonString()).doesNotContain("throughputRate").doesNotContain("flowEfficiency");
  }

  /**
   * The engine itself: an asyncBefore service task's activity instance starts when its job runs (the
   * queue wait is waiting, not in its duration), a claim and an assignment at creation are recorded by
   * TaskClaims (history level audit writes no identity link history), and the flow efficiency follows.
   */
  @Test
  void shouldTakeWorkTimesFromWhatTheEngineRecords() {
    String key = "flow-test-" + history.key.substring("metrics-test-".length());
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(KnownHistory.HISTORY_DAYS)
        .startEvent()
        .serviceTask("Task_Check").camundaAsyncBefore().camundaExpression("${true}")
        .userTask("Task_Pooled").camundaCandidateGroups("sales")
        .userTask("Task_Assigned").camundaAssignee("mia")
        .endEvent()
        .done();
    repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(6));
    ClockUtil.setCurrentTime(Date.from(t0));
    // the job becomes visible at commit: the clock moves on while it waits in the queue
    String instance = new TransactionTemplate(transactions).execute(status -> {
      String id = runtimeService.startProcessInstanceByKey(key).getId();
      ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(10))));
      return id;
    });
    await().atMost(Duration.ofSeconds(10))
        .until(() -> taskService.createTaskQuery().processInstanceId(instance).singleResult() != null);
    HistoricActivityInstance check = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(instance).activityId("Task_Check").singleResult();
    assertThat(check.getStartTime().toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(10)));

    String pooled = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(20))));
    taskService.claim(pooled, "dan");
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(30))));
    taskService.complete(pooled); // Task_Assigned is created with its assignee: claimed now
    String assigned = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(35))));
    taskService.complete(assigned);
    ClockUtil.reset();

    assertThat(claimedAt(pooled)).isEqualTo(t0.plus(Duration.ofMinutes(20)));
    assertThat(claimedAt(assigned)).isEqualTo(t0.plus(Duration.ofMinutes(30)));
    assertThat(jdbc.sql("select count(*) from ACT_HI_IDENTITYLINK where TASK_ID_ in (?, ?)")
        .params(pooled, assigned).query(Long.class).single()).isZero();
    DocumentContext json = json(api.get("mia", "/api/metrics/workflows/" + key + "?from=" + t0 + "&to="
        + t0.plus(Duration.ofHours(1))));
    assertThat((Integer) json.read("$.process.flow.workMillis")).isEqualTo(15 * (int) MINUTE); // 0 + 10 + 5 min
    assertThat((Integer) json.read("$.process.flow.endToEndMillis")).isEqualTo(35 * (int) MINUTE);
    assertThat((Double) json.read("$.process.flowEfficiency")).isEqualTo(0.429);
    assertThat((Double) json.read("$.process.throughputRate")).isEqualTo(1.0);
  }

  private Instant claimedAt(String taskId) {
    return jdbc.sql("select claimed_at from crm_task_claim where task_id_ = ?").param(taskId)
        .query(Timestamp.class).single().toInstant();
  }

  /** An instance completed {@code minutes} after starting {@code startMinute} minutes after base. */
  private String completed(int startMinute, int minutes) {
    return history.insertInstance(at(startMinute), minutes * MINUTE, "COMPLETED", KnownHistory.WON);
  }

  private Instant at(int minute) {
    return base.plus(Duration.ofMinutes(minute));
  }

  private String window() {
    return "from=" + base + "&to=" + base.plus(Duration.ofHours(1));
  }
}

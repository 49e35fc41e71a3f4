package io.crmflow.metrics;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process deployed under a fresh key and a known history for it, written straight into Camunda's
 * history tables: 10 instances completed with durations 100, 200, … 1000 ms (7 ending at
 * EndEvent_Won, 3 at EndEvent_Lost), one terminated, two still running — all started in the hour
 * after {@code base}, every 4 minutes. Each completed instance spent half its time in the user task
 * Task_Work and the second half of that at work (claimed halfway): flow efficiency 0.25.
 */
final class KnownHistory {

  static final String WON = "EndEvent_Won";
  static final String LOST = "EndEvent_Lost";
  static final String USER_TASK = "Task_Work";

  /** Longer than any test's backdating. */
  static final int HISTORY_DAYS = 3650;

  final String key = "metrics-test-" + UUID.randomUUID().toString().substring(0, 8);
  final String definitionId;
  final Instant base;
  private final JdbcClient jdbc;

  KnownHistory(RepositoryService repository, JdbcClient jdbc, Instant base) {
    this.base = base;
    this.jdbc = jdbc;
    // the history is backdated: a time to live it outlives keeps the nightly cleanup (by end time) off it
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Metrics test")
        .camundaHistoryTimeToLive(HISTORY_DAYS)
        .startEvent("StartEvent_Begun").name("Begun")
        .userTask(USER_TASK).name("Work")
        .exclusiveGateway("Gateway_Outcome").name("Outcome?")
        .condition("won", "${won}").endEvent(WON).name("Won")
        .moveToLastGateway().condition("lost", "${!won}").endEvent(LOST).name("Lost")
        .done();
    definitionId = repository.createDeployment().addModelInstance(key + ".bpmn", model).deployWithResult()
        .getDeployedProcessDefinitions().get(0).getId();
    for (int i = 0; i < 13; i++) {
      Instant start = base.plus(Duration.ofMinutes(4L * i));
      String id = UUID.randomUUID().toString();
      if (i < 10) {
        addCompleted(start, 100L * (i + 1), i < 7);
      } else if (i == 10) {
        insertInstance(id, start, 50L, "EXTERNALLY_TERMINATED", USER_TASK);
      } else {
        insertInstance(id, start, null, "ACTIVE", null);
      }
    }
  }

  /**
   * A further instance, completed {@code duration} ms after {@code start}; half its time in the user
   * task, claimed halfway through it: work time duration / 2 − duration / 4.
   */
  void addCompleted(Instant start, long duration, boolean won) {
    String id = UUID.randomUUID().toString();
    String end = won ? WON : LOST;
    insertInstance(id, start, duration, "COMPLETED", end);
    String task = insertActivity(id, USER_TASK, "Work", "userTask", start, duration / 2);
    claim(task, id, start.plusMillis(duration / 4));
    insertActivity(id, end, won ? "Won" : "Lost", "noneEndEvent", start.plusMillis(duration), 0);
  }

  /** An instance of the process in {@code state}, ended {@code duration} ms after {@code start} (null: running). */
  String insertInstance(Instant start, Long duration, String state, String end) {
    String id = UUID.randomUUID().toString();
    insertInstance(id, start, duration, state, end);
    return id;
  }

  /** An activity instance of the instance, ended {@code duration} ms after {@code start}; its id is also its task id. */
  String insertActivity(String instanceId, String activityId, String type, Instant start, long duration) {
    return insertActivity(instanceId, activityId, activityId, type, start, duration);
  }

  /** The task first given an assignee at {@code at}, as {@link TaskClaims} records it. */
  void claim(String taskId, String instanceId, Instant at) {
    jdbc.sql("insert into crm_task_claim (task_id_, proc_inst_id_, claimed_at) values (?, ?, ?)")
        .params(taskId, instanceId, Timestamp.from(at)).update();
  }

  private void insertInstance(String id, Instant start, Long duration, String state, String end) {
    jdbc.sql("""
            insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_,
              DURATION_, START_ACT_ID_, END_ACT_ID_, STATE_, ROOT_PROC_INST_ID_)
            values (?, ?, ?, ?, ?, ?, ?, 'StartEvent_Begun', ?, ?, ?)""")
        .params(id, id, key, definitionId, Timestamp.from(start),
            duration == null ? null : Timestamp.from(start.plusMillis(duration)), duration, end, state, id)
        .update();
  }

  private String insertActivity(String instanceId, String activityId, String name, String type,
      Instant start, long duration) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_,
              EXECUTION_ID_, ACT_ID_, ACT_NAME_, ACT_TYPE_, TASK_ID_, START_TIME_, END_TIME_, DURATION_,
              ACT_INST_STATE_, SEQUENCE_COUNTER_)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)""")
        .params(id, key, definitionId, instanceId, instanceId, instanceId, activityId, name, type,
            "userTask".equals(type) ? id : null, Timestamp.from(start), Timestamp.from(start.plusMillis(duration)),
            duration)
        .update();
    return id;
  }
}

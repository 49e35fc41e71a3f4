package io.crmflow.engine;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** History does not grow forever: finished instances past their time to live are cleaned up. */
@ApiTest
class HistoryCleanupTest {

  @Autowired Api api;
  @Autowired HistoryService historyService;
  @Autowired ProcessEngine processEngine;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldBeConfiguredWithATimeToLiveAndANightlyWindow() {
    ProcessEngineConfigurationImpl configuration = configuration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
  }

  @Test
  void shouldCleanUpByEndTimeWithoutStampingARemovalTime() {
    ProcessEngineConfigurationImpl configuration = configuration();
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("endTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("none");
  }

  @Test
  void shouldRemoveAFinishedIntakeWhoseTimeToLiveHasPassed() {
    String expired = finishedIntake("old");
    String recent = finishedIntake("recent");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(expired).singleResult()
        .getRemovalTime()).as("no removal time stamped at the end").isNull();

    // as if the lead's 180 days had passed since its intake ended
    jdbc.sql("update ACT_HI_PROCINST set END_TIME_ = ? where PROC_INST_ID_ = ?")
        .params(Date.from(Instant.now().minus(Duration.ofDays(181))), expired).update();

    historyService.cleanUpHistoryAsync(true);

    await().atMost(Duration.ofSeconds(60)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(expired).count() == 0);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(expired).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(expired).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(recent).count())
        .as("an intake within its time to live stays").isOne();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(recent).count()).isPositive();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private String finishedIntake(String name) {
    String processInstanceId = json(api.post("webform", "/api/leads", """
        {"name": "%s Lead", "email": "%s.%s@example.org", "source": "other"}""".formatted(name, name,
        UUID.randomUUID()))).read("$.processInstanceId");
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).finished().count() == 1);
    return processInstanceId;
  }
}

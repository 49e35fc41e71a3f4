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

/** History does not grow forever: finished instances past their time to live are cleaned up. */
@ApiTest
class HistoryCleanupTest {

  @Autowired Api api;
  @Autowired HistoryService historyService;
  @Autowired ProcessEngine processEngine;

  @Test
  void shouldBeConfiguredWithATimeToLiveAndANightlyWindow() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
  }

  @Test
  void shouldRemoveAFinishedIntakeWhoseTimeToLiveHasPassed() {
    String processInstanceId = json(api.post("webform", "/api/leads", """
        {"name": "Old Lead", "email": "old.%s@example.org", "source": "other"}""".formatted(UUID.randomUUID())))
        .read("$.processInstanceId");
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).finished().count() == 1);

    // as if the lead's 180 days had passed: its removal time lies in the past
    historyService.setRemovalTimeToHistoricProcessInstances()
        .absoluteRemovalTime(Date.from(Instant.now().minus(Duration.ofDays(1))))
        .byIds(processInstanceId)
        .hierarchical()
        .executeAsync();
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult().getRemovalTime().before(new Date()));

    historyService.cleanUpHistoryAsync(true);

    await().atMost(Duration.ofSeconds(60)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).count() == 0);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .isZero();
  }
}

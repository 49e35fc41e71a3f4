package io.crmflow.privacy;

import static io.crmflow.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.lead.LeadIntakeProcess;
import io.crmflow.support.Api;
import io.crmflow.support.ApiTest;
import io.crmflow.support.PersonalDataScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lead intake on every path through the API, then a scan of the engine's tables (runtime, history,
 * byte arrays) and of the log output for the names, addresses and phone numbers submitted: none may be there.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataScanTest {

  private static final String HOT = "\"source\": \"referral\", \"companySize\": 1200, \"budget\": 150000";
  private static final String WARM = "\"source\": \"webinar\", \"companySize\": 200";
  private static final String COLD = "\"source\": \"other\"";

  @Autowired Api api;
  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  private final Random random = new Random();
  private final List<String> personalData = new ArrayList<>();

  @Test
  void shouldKeepPersonalDataOutOfTheEngineAndTheLogs(CapturedOutput output) {
    // hot, reviewed and qualified: opportunity, owner notified
    String qualified = submit(HOT);
    complete(reviewTask(qualified), true);
    awaitEnd(qualified);
    // hot, reviewed and disqualified
    String disqualified = submit(HOT);
    complete(reviewTask(disqualified), false);
    awaitEnd(disqualified);
    // warm and cold: nurturing
    awaitEnd(submit(WARM));
    awaitEnd(submit(COLD));
    // hot, review overdue: sales managers reminded, the review still waits
    String overdue = submit(HOT);
    reviewTask(overdue);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(overdue).timers()
        .singleResult().getId());
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(overdue).activityId(LeadIntakeProcess.END_REVIEW_ESCALATED).finished().count() == 1);
    // the same address again while its intake runs: merged into the running intake
    String email = personalData.get(personalData.size() - 3);
    ResponseEntity<String> merged = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "company": "Merged %s"}""".formatted(personalData.get(
        personalData.size() - 4), email, personalData.get(personalData.size() - 4)));
    assertThat(merged.getStatusCode()).isEqualTo(HttpStatus.OK);

    List<String> hits = PersonalDataScan.find(jdbc,
        table -> table.startsWith("ACT_RU_") || table.startsWith("ACT_HI_") || table.equals("ACT_GE_BYTEARRAY"),
        personalData);
    assertThat(hits).isEmpty();
    assertThat(PersonalDataScan.find(jdbc, table -> table.equals("CRM_LEAD"), personalData))
        .as("the scan finds what is there").isNotEmpty();
    for (String value : personalData) {
      assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(value);
    }
  }

  private String submit(String facts) {
    String name = "Pia " + ContactErasureTest.randomLetters(random, 9);
    String email = "scan." + UUID.randomUUID() + "@example.org";
    String phone = "+44207946" + (1000 + random.nextInt(9000));
    personalData.addAll(List.of(name, email, phone, phone.substring(3)));
    ResponseEntity<String> response = api.post("webform", "/api/leads", """
        {"name": "%s", "email": "%s", "phone": "%s", "company": "%s Trading", %s}"""
        .formatted(name, email, phone, name, facts));
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json(response).read("$.processInstanceId");
  }

  private String reviewTask(String processInstanceId) {
    List<String> ids = await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get("sam",
            "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId)).read("$[*].id"),
        found -> ((List<?>) found).size() == 1);
    return ids.get(0);
  }

  private void complete(String taskId, boolean qualified) {
    assertThat(api.post("sam", "/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"qualified": {"value": %s}, "reviewNote": {"value": "Checked the budget"}}}"""
        .formatted(qualified)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private void awaitEnd(String processInstanceId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).finished().count() == 1);
  }
}

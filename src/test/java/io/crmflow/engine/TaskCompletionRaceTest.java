package io.crmflow.engine;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Two salespeople complete the same review task at the same moment through Camunda's REST API:
 * one wins (204), the other gets 409 problem+json — never a 500 — and the lead becomes exactly one
 * opportunity. On H2 and on PostgreSQL.
 */
@ApiTest
class TaskCompletionRaceTest {

  private static final int RACES = 3;
  private static final String QUALIFY = """
      {"variables": {"qualified": {"value": true}, "reviewNote": {"value": "Call booked"}}}""";

  @Autowired Api api;

  @Test
  void shouldLetOneOfTwoConcurrentCompletionsWinAndAnswerTheOtherWith409() throws Exception {
    int conflicts = 0;
    for (int race = 0; race < RACES; race++) {
      Intake intake = hotLead();
      String leadId = intake.leadId();
      String taskId = reviewTask(intake);

      List<ResponseEntity<String>> answers = completeAtOnce(taskId, "sam", "mia");

      assertThat(answers).extracting(ResponseEntity::getStatusCode)
          .containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
      ResponseEntity<String> loser = answers.stream()
          .filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT).findFirst().orElseThrow();
      assertThat(loser.getHeaders().getContentType()).hasToString("application/problem+json");
      assertThat((Integer) json(loser).read("$.status")).isEqualTo(409);
      assertThat((String) json(loser).read("$.type")).startsWith("https://crmflow.example/problems/");
      conflicts++;

      List<String> owners = await().atMost(Duration.ofSeconds(20))
          .until(() -> json(api.get("sam", "/api/opportunities?leadId=" + leadId)).read("$[*].owner"),
              list -> !((List<?>) list).isEmpty());
      assertThat(owners).as("one opportunity, owned by the winner").hasSize(1).containsAnyOf("sam", "mia");
      assertThat((String) json(api.get("sam", "/api/leads/" + leadId)).read("$.status")).isEqualTo("QUALIFIED");
    }
    System.out.printf("Task race: %d races, each one 204 and one 409 problem+json%n", conflicts);
  }

  @Test
  void shouldAnswerCompletingAnAlreadyCompletedTaskWith409AndAnUnknownTaskWith404() {
    String taskId = reviewTask(hotLead());
    assertThat(api.post("sam", "/engine-rest/task/" + taskId + "/complete", QUALIFY).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<String> again = api.post("mia", "/engine-rest/task/" + taskId + "/complete", QUALIFY);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat((String) json(again).read("$.detail")).contains(taskId).contains("already been completed");

    ResponseEntity<String> viaForm = api.post("sam", "/engine-rest/task/" + taskId + "/submit-form", QUALIFY);
    assertThat(viaForm.getStatusCode()).as(viaForm.getBody()).isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<String> unknown = api.post("sam", "/engine-rest/task/" + UUID.randomUUID() + "/complete", QUALIFY);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
  }

  private record Intake(String leadId, String processInstanceId) {
  }

  private Intake hotLead() {
    ResponseEntity<String> submitted = api.post("webform", "/api/leads", """
        {"name": "Race Hot", "email": "race.hot.%s@example.org", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(UUID.randomUUID()));
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return new Intake(json(submitted).read("$.leadId"), json(submitted).read("$.processInstanceId"));
  }

  private String reviewTask(Intake intake) {
    String processInstanceId = intake.processInstanceId();
    List<String> ids = await().atMost(Duration.ofSeconds(20))
        .until(() -> json(api.get("sam", "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId)).read("$[*].id"),
            list -> ((List<?>) list).size() == 1);
    return ids.get(0);
  }

  private List<ResponseEntity<String>> completeAtOnce(String taskId, String... users) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(users.length);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
    for (String user : users) {
      futures.add(pool.submit(() -> {
        go.await();
        return api.post(user, "/engine-rest/task/" + taskId + "/complete", QUALIFY);
      }));
    }
    go.countDown();
    List<ResponseEntity<String>> answers = new ArrayList<>();
    for (Future<ResponseEntity<String>> future : futures) {
      answers.add(future.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return answers;
  }
}

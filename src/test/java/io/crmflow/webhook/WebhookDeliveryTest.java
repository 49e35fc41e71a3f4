package io.crmflow.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.crmflow.lead.LeadQualification;
import io.crmflow.lead.LeadService;
import io.crmflow.lead.LeadSubmission;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.TestPaymentGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A "Call webhook" step against a receiver (WireMock): signed as Standard Webhooks says and verifiable with the
 * documented recipe; 503 then 200 is two deliveries with one webhook-id; 400 takes the model's error path; a
 * failure after the send in the same job (what a crash between send and commit looks like to the receiver) is
 * one duplicate with the same webhook-id.
 */
@ProcessTest
class WebhookDeliveryTest {

  private static final String PATH = "/webhooks/erp";
  /** crmflow.webhooks.endpoints.erp.secret in application-test.yaml. */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired LeadService leadService;
  @Autowired LeadQualification leadQualification;

  private final List<StubMapping> stubs = new ArrayList<>();
  private String opportunityId;
  private String instanceId;

  /**
   * Deployed here, not from the classpath at start-up: a context without the test profile's {@code erp} endpoint
   * (ProductionProfileTest) would refuse it.
   */
  @BeforeEach
  void deployTheModelAndOpenAnOpportunity() {
    // the resource name ends in .bpmn, so the engine parses it
    repositoryService.createDeployment().name("webhook-test").enableDuplicateFiltering(true)
        .addInputStream("webhook-test.bpmn", getClass().getResourceAsStream("/bpmn/webhook-test.bpmn.xml")).deploy();
    String leadId = leadService.submit(new LeadSubmission("Grace Hopper", "grace." + UUID.randomUUID()
        + "@example.org", null, "Navy Labs", null, null, null, null, false, null, null), "test").receipt().leadId();
    opportunityId = leadQualification.qualify(leadId, "sam").id();
  }

  /** The receiver and the engine are shared by the test JVM: leave neither stubs nor failed jobs behind. */
  @AfterEach
  void cleanUp() {
    stubs.forEach(server()::removeStub);
    if (instanceId != null) {
      runtimeService.deleteProcessInstanceIfExists(instanceId, "test over", true, true, true, true);
    }
  }

  @Test
  void shouldDeliverASignedSnapshotOfTheRecordThatTheReceiverCanVerify() throws Exception {
    answer(200);
    start(false);

    runTheStep();

    LoggedRequest request = single(deliveries());
    String id = request.getHeader("webhook-id");
    String timestamp = request.getHeader("webhook-timestamp");
    String body = request.getBodyAsString();
    assertThat(id).startsWith("msg_");
    assertThat(Instant.ofEpochSecond(Long.parseLong(timestamp))).isCloseTo(Instant.now(), within(60, ChronoUnit.SECONDS));
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    // the receiver's side, as docs/webhooks.md describes it: HMAC-SHA256 of id.timestamp.body, key = base64 after whsec_
    assertThat(request.getHeader("webhook-signature")).isEqualTo("v1," + hmac(id + "." + timestamp + "." + body));
    DocumentContext json = JsonPath.parse(body);
    assertThat((String) json.read("$.type")).isEqualTo("opportunity");
    assertThat((String) json.read("$.data.id")).isEqualTo(opportunityId);
    assertThat((String) json.read("$.data.owner")).isEqualTo("sam");
    assertThat((String) json.read("$.step.process")).isEqualTo("webhook-test");
    assertThat((String) json.read("$.step.activityId")).isEqualTo("Task_TellErp");
    assertThat(endedAt()).isEqualTo("EndEvent_Told");
  }

  @Test
  void shouldRetryA503OnTheRetryCycleAndDeliverAgainWithTheSameId() {
    answerInTurn(aResponse().withStatus(503).withHeader("Retry-After", "20"), aResponse().withStatus(200));
    start(false);

    Instant failedAt = Instant.now();
    assertThatThrownBy(this::runTheStep).hasMessageContaining("answered 503");
    Job retry = job();
    assertThat(retry.getRetries()).as("one attempt used").isEqualTo(5);
    assertThat(retry.getDuedate().toInstant()).as("not before Retry-After (20 s), within the first 30 s")
        .isBetween(failedAt.plusSeconds(19), failedAt.plusSeconds(30));
    runTheStep();

    List<LoggedRequest> deliveries = deliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(1).getHeader("webhook-id")).isEqualTo(deliveries.get(0).getHeader("webhook-id"));
    assertThat(endedAt()).isEqualTo("EndEvent_Told");
    assertThat(managementService.createJobQuery().processInstanceId(instanceId).count()).as("nothing more to send")
        .isZero();
  }

  @Test
  void shouldCapALongRetryAfterAndRaiseAnIncidentWhenTheRetriesAreUsedUp() {
    answer(aResponse().withStatus(429).withHeader("Retry-After", "86400"));
    start(false);

    Instant failedAt = Instant.now();
    assertThatThrownBy(this::runTheStep).hasMessageContaining("answered 429");
    assertThat(job().getDuedate().toInstant()).as("crmflow.webhooks.max-retry-after: 10 minutes")
        .isBetween(failedAt.plus(Duration.ofMinutes(10)).minusSeconds(1), failedAt.plus(Duration.ofMinutes(10)).plusSeconds(30));
    managementService.setJobRetries(job().getId(), 1);
    assertThatThrownBy(this::runTheStep).hasMessageContaining("answered 429");

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult().getActivityId())
        .as("an incident in Cockpit on the step").isEqualTo("Task_TellErp");
  }

  @Test
  void shouldTakeTheModelsErrorPathWhenTheReceiverRefuses() {
    answer(400);
    start(false);

    runTheStep();

    assertThat(deliveries()).hasSize(1);
    assertThat(endedAt()).isEqualTo("EndEvent_Rejected");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("webhookRejection").singleResult().getValue()).asString().contains("400");
  }

  @Test
  void shouldSendOneDuplicateWithTheSameIdWhenTheJobFailsAfterTheSend() {
    answer(200);
    start(true);

    assertThatThrownBy(this::runTheStep).hasMessageContaining("failOnPurpose");
    runtimeService.setVariable(instanceId, "failAfterSend", false);
    runTheStep();

    List<LoggedRequest> deliveries = deliveries();
    assertThat(deliveries).as("sent, rolled back, sent again").hasSize(2);
    assertThat(deliveries.get(1).getHeader("webhook-id")).isEqualTo(deliveries.get(0).getHeader("webhook-id"));
    assertThat(endedAt()).isEqualTo("EndEvent_Told");
  }

  @Test
  void shouldGiveEachStepItsOwnId() {
    answer(200);
    start(false);
    runTheStep();
    String first = single(deliveries()).getHeader("webhook-id");

    start(false);
    runTheStep();

    assertThat(single(deliveries()).getHeader("webhook-id")).isNotEqualTo(first);
  }

  @Test
  void shouldRefuseToDeployAStepNamingAnUnknownEndpointOrPayload() {
    assertThatThrownBy(() -> deploy("nowhere", "opportunity"))
        .hasMessageContaining("names the endpoint 'nowhere', which is not configured");
    assertThatThrownBy(() -> deploy("erp", "invoice")).hasMessageContaining("sends the payload 'invoice'");
  }

  private void deploy(String endpoint, String payload) {
    repositoryService.createDeployment().name("webhook-check").addModelInstance("webhook-check.bpmn",
        Bpmn.createExecutableProcess("webhook-check").camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Call").camundaDelegateExpression("${callWebhookDelegate}").camundaAsyncBefore()
            .camundaInputParameter("endpoint", endpoint).camundaInputParameter("payload", payload)
            .endEvent().done())
        .deploy();
  }

  private void start(boolean failAfterSend) {
    instanceId = runtimeService.startProcessInstanceByKey("webhook-test", opportunityId,
        Map.of("failAfterSend", failAfterSend)).getId();
  }

  private void runTheStep() {
    managementService.executeJob(job().getId());
  }

  private Job job() {
    return managementService.createJobQuery().processInstanceId(instanceId).singleResult();
  }

  private String endedAt() {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityType("noneEndEvent").singleResult().getActivityId();
  }

  /** This instance's deliveries, oldest first. */
  private List<LoggedRequest> deliveries() {
    return server().findAll(postRequestedFor(urlPathEqualTo(PATH))
        .withRequestBody(containing("\"processInstanceId\":\"" + instanceId + "\"")));
  }

  private static LoggedRequest single(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private void answer(int status) {
    answer(aResponse().withStatus(status));
  }

  private void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    stubs.add(server().stubFor(post(urlPathEqualTo(PATH)).willReturn(response)));
  }

  /** The first answer, then the second for every later request. */
  private void answerInTurn(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
    String scenario = "webhook-" + UUID.randomUUID();
    stubs.add(server().stubFor(post(urlPathEqualTo(PATH)).inScenario(scenario)
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(first).willSetStateTo("answered")));
    stubs.add(server().stubFor(post(urlPathEqualTo(PATH)).inScenario(scenario).whenScenarioStateIs("answered")
        .willReturn(then)));
  }

  private static String hmac(String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  private static WireMockServer server() {
    return TestPaymentGateway.server();
  }
}

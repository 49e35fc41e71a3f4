package io.crmflow.security;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The secure-configuration rules that hold in every profile, each its own test. */
@ApiTest
class SecureConfigurationTest {

  private static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      %s<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Security" targetNamespace="urn:test">
        <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="1">
          <bpmn:startEvent id="StartEvent_Started" name="Started" />
          <bpmn:sequenceFlow id="SequenceFlow_1" sourceRef="StartEvent_Started" targetRef="Task_Step" />
          %s
          <bpmn:sequenceFlow id="SequenceFlow_2" sourceRef="Task_Step" targetRef="EndEvent_Ended" />
          <bpmn:endEvent id="EndEvent_Ended" name="Ended" />
        </bpmn:process>
      </bpmn:definitions>
      """;
  private static final String SCRIPT_TASK = """
      <bpmn:scriptTask id="Task_Step" name="Step" scriptFormat="groovy">
        <bpmn:script>"rm -rf /".execute()</bpmn:script>
      </bpmn:scriptTask>""";
  private static final String SCRIPT_LISTENER = """
      <bpmn:userTask id="Task_Step" name="Step">
        <bpmn:extensionElements>
          <camunda:executionListener event="start">
            <camunda:script scriptFormat="javascript">java.lang.System.exit(1)</camunda:script>
          </camunda:executionListener>
        </bpmn:extensionElements>
      </bpmn:userTask>""";
  private static final String SCRIPT_TASK_LISTENER = """
      <bpmn:userTask id="Task_Step" name="Step">
        <bpmn:extensionElements>
          <camunda:taskListener event="create">
            <camunda:script scriptFormat="groovy" resource="classpath://evil.groovy" />
          </camunda:taskListener>
        </bpmn:extensionElements>
      </bpmn:userTask>""";
  private static final String USER_TASK = """
      <bpmn:userTask id="Task_Step" name="Step" />""";

  @Autowired Api api;
  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfiguration engineConfiguration;
  @Value("${spring.h2.console.enabled}") boolean h2Console;

  private static String process(String id, String task) {
    return PROCESS.formatted("", id, "Security test", task);
  }

  @Test
  void shouldRefuseJavaSerializedVariablesAtTheRestApi() {
    ResponseEntity<String> response = api.post("admin", "/engine-rest/process-definition/key/lead-intake/start", """
        {"businessKey": "serialization-test", "variables": {"payload": {"type": "Object", "value": "rO0ABXQAA2Zvbw==",
          "valueInfo": {"objectTypeName": "java.lang.String",
                        "serializationDataFormat": "application/x-java-serialized-object"}}}}""");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("Java serialization format is prohibited");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("serialization-test").count())
        .isZero();
  }

  @Test
  void shouldValidateTypesBeforeDeserializingVariables() {
    assertThat(((ProcessEngineConfigurationImpl) engineConfiguration).isDeserializationTypeValidationEnabled()).isTrue();
    Deployment deployment = repositoryService.createDeployment().name("deserialization-test")
        .addString("deserialization-test.bpmn", process("deserialization-test", USER_TASK)).deploy();
    try {
      String id = runtimeService.startProcessInstanceByKey("deserialization-test").getId();
      runtimeService.setVariable(id, "file", Variables.serializedObjectValue("\"/etc/passwd\"")
          .serializationDataFormat("application/json").objectTypeName("java.io.File").create());
      assertThatThrownBy(() -> runtimeService.getVariable(id, "file")).hasStackTraceContaining("java.io.File");
      assertThat((Object) runtimeService.getVariableTyped(id, "file", false)).as("still readable serialized").isNotNull();
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scriptTask", "executionListener", "taskListener"})
  void shouldRefuseToDeployScripts(String kind) {
    String task = switch (kind) {
      case "scriptTask" -> SCRIPT_TASK;
      case "executionListener" -> SCRIPT_LISTENER;
      default -> SCRIPT_TASK_LISTENER;
    };
    String key = "script-test-" + kind.toLowerCase();
    assertThatThrownBy(() -> repositoryService.createDeployment().name(key)
        .addString(key + ".bpmn", process(key, task)).deploy())
        .hasMessageContaining("not allowed in crmflow");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void shouldRefuseScriptsDeployedThroughTheRestApi() {
    ResponseEntity<String> response = deployOverRest("script-rest.bpmn", process("script-rest", SCRIPT_TASK));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("Script tasks are not allowed in crmflow");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("script-rest").count()).isZero();
  }

  @Test
  void shouldHaveNoScriptEngine() {
    for (String language : List.of("javascript", "groovy", "python")) {
      assertThatThrownBy(() -> ((ProcessEngineConfigurationImpl) engineConfiguration).getScriptEngineResolver()
          .getScriptEngine(language, false))
          .hasMessageContaining("Scripts are disabled");
    }
  }

  @Test
  void shouldNotResolveExternalEntitiesInBpmn() throws IOException {
    Path secret = Files.createTempFile("xxe", ".txt");
    String marker = "XXE-" + UUID.randomUUID();
    Files.writeString(secret, marker);
    String doctype = "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n";
    String bpmn = PROCESS.formatted(doctype, "xxe-test", "&xxe;", USER_TASK);

    assertThatThrownBy(() -> repositoryService.createDeployment().name("xxe-test")
        .addString("xxe-test.bpmn", bpmn).deploy()).hasMessageNotContaining(marker);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("xxe-test").count()).isZero();

    ResponseEntity<String> overRest = deployOverRest("xxe-rest.bpmn", bpmn.replace("xxe-test", "xxe-rest"));
    assertThat(overRest.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(overRest.getBody()).doesNotContain(marker);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("xxe-rest").count()).isZero();
    Files.delete(secret);
  }

  @Test
  void shouldNotResolveExternalEntitiesInDmn() throws IOException {
    Path secret = Files.createTempFile("xxe", ".txt");
    String marker = "XXE-" + UUID.randomUUID();
    Files.writeString(secret, marker);
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "%s">]>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Xxe" name="x"
            namespace="urn:test">
          <decision id="xxe-decision" name="&xxe;">
            <decisionTable id="DecisionTable_Xxe">
              <input id="Input_A" label="a"><inputExpression id="InputExpression_A" typeRef="string">
                <text>a</text></inputExpression></input>
              <output id="Output_B" name="b" typeRef="string" />
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(secret.toUri());
    try {
      repositoryService.createDeployment().name("xxe-dmn").addString("xxe-decision.dmn", dmn).deploy();
    } catch (RuntimeException refused) {
      assertThat(refused).hasMessageNotContaining(marker);
    }
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("xxe-decision").list())
        .allSatisfy(definition -> assertThat(definition.getName()).doesNotContain(marker))
        .isEmpty();
    Files.delete(secret);
  }

  @Test
  void shouldLimitQueryResults() {
    ResponseEntity<String> response = api.get("admin", "/engine-rest/task?maxResults=100000");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("Max results limit of 2000 exceeded");
    assertThat(api.get("admin", "/engine-rest/task?maxResults=2000").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("admin", "/engine-rest/history/activity-instance").getStatusCode())
        .as("unbounded lists are refused too").isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void shouldRefuseWebappPostsWithoutCsrfToken() {
    ResponseEntity<String> withoutToken = rest.exchange("/camunda/api/admin/auth/user/default/login/welcome",
        HttpMethod.POST, form(Map.of("username", "admin", "password", "admin"), new HttpHeaders()), String.class);
    assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(withoutToken.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
  }

  @Test
  void shouldSetSecureSameSiteCookiesAndLetATokenHolderLogIn() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/welcome/default/", String.class);
    List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=")
        .contains("Secure").containsIgnoringCase("SameSite=Lax"));
    assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
        .contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));

    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.stream().map(c -> c.split(";")[0]).toList()));
    headers.add("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
    ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/welcome",
        HttpMethod.POST, form(Map.of("username", "admin", "password", "admin"), headers), String.class);
    assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldLockAUserAfterAWrongPassword() {
    String userId = "throttled" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    User user = identityService.newUser(userId);
    user.setPassword(userId);
    identityService.saveUser(user);
    identityService.createMembership(userId, CrmGroups.SALES);

    assertThat(rest.withBasicAuth(userId, "wrong").getForEntity("/api/opportunities", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(api.get(userId, "/api/opportunities").getStatusCode())
        .as("the right password is refused while the user is locked").isEqualTo(HttpStatus.UNAUTHORIZED);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get(userId, "/api/opportunities").getStatusCode() == HttpStatus.OK);
  }

  @Test
  void shouldKeepTheH2ConsoleOff() {
    assertThat(h2Console).isFalse();
    assertThat(rest.getForEntity("/h2-console", String.class).getStatusCode().value()).isNotEqualTo(200);
  }

  private ResponseEntity<String> deployOverRest(String fileName, String xml) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", fileName);
    parts.add("data", new ByteArrayResource(xml.getBytes()) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth("admin", "admin").exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  private static HttpEntity<MultiValueMap<String, String>> form(Map<String, String> fields, HttpHeaders headers) {
    MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
    fields.forEach(body::add);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new HttpEntity<>(body, headers);
  }
}

package io.crmflow.web;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import io.crmflow.testsupport.WebappSession;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description at /v3/api-docs describes every /api endpoint the application serves, with
 * what it takes and answers and the problem+json errors it may answer with; it and Swagger UI are for
 * logged-in users only.
 */
@ApiTest
class OpenApiDocumentationTest {

  private static final String PROBLEM = "#/components/schemas/Problem";
  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");
  private static final Set<String> CHANGES = Set.of("post", "put", "patch", "delete");

  @LocalServerPort int port;
  @Autowired Api api;
  @Autowired BuildProperties build;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlerMapping;

  /** One operation of the description. */
  record Operation(String method, String path, Map<String, Object> body) {

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }

    List<Map<String, Object>> parameters() {
      return body.containsKey("parameters") ? cast(body.get("parameters")) : List.of();
    }

    Map<String, Object> responses() {
      return cast(body.get("responses"));
    }

    boolean isPublic() {
      return body.containsKey("security") && ((List<?>) body.get("security")).isEmpty();
    }
  }

  @Test
  void shouldDescribeEveryApiEndpointAndNoOther() {
    Set<String> described = new TreeSet<>();
    operations(description()).forEach(operation -> described.add(operation.toString()));

    Set<String> served = new TreeSet<>();
    apiHandlers().forEach((info, handler) -> {
      assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP method", info).isNotEmpty();
      info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
          .forEach(method -> served.add(method + " " + asDescribed(pattern))));
    });

    assertThat(served).as("/api endpoints in RequestMappingHandlerMapping").hasSizeGreaterThan(20);
    assertThat(described).as("endpoints in /v3/api-docs").containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void shouldDescribeWhatEachOperationTakesAndAnswers() {
    DocumentContext description = description();
    Map<String, Operation> byName = new HashMap<>();
    for (Operation operation : operations(description)) {
      byName.put(operation.toString(), operation);
      List<Map<String, Object>> answers = operation.responses().entrySet().stream()
          .filter(response -> response.getKey().startsWith("2"))
          .map(response -> (Map<String, Object>) cast(response.getValue()))
          .toList();
      assertThat(answers).as("%s: a 2xx answer", operation).isNotEmpty();
      answers.forEach(answer -> assertDescribed(operation + " answer", answer));
    }
    apiHandlers().forEach((info, handler) -> {
      // a form's fields are bound as a map of request parameters: the OpenAPI annotation describes them as the body
      boolean takesBody = Stream.of(handler.getMethodParameters())
          .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
          || handler.hasMethodAnnotation(io.swagger.v3.oas.annotations.parameters.RequestBody.class);
      for (String pattern : info.getPatternValues()) {
        for (var method : info.getMethodsCondition().getMethods()) {
          String operation = method + " " + asDescribed(pattern);
          assertThat(byName).as("described").containsKey(operation);
          Map<String, Object> requestBody = cast(byName.get(operation).body().get("requestBody"));
          if (takesBody) {
            assertThat(requestBody).as("%s: its request body", operation).isNotNull();
            assertDescribed(operation + " request body", requestBody);
          } else {
            assertThat(requestBody).as("%s takes no body", operation).isNull();
          }
          assertThat(byName.get(operation).parameters()).extracting(parameter -> parameter.get("name"))
              .as("%s: its parameters", operation).containsAll(parameterNames(handler));
        }
      }
    });
    // the ones whose Java signature says nothing (ResponseEntity<Object>, a JSON merge patch) are annotated
    assertThat((String) description.read("$.paths['/api/leads'].post.responses['202'].content['application/json']"
        + ".schema['$ref']")).isEqualTo("#/components/schemas/IntakeReceipt");
    assertThat((String) description.read("$.paths['/api/leads/{leadId}'].patch.requestBody.content"
        + "['application/merge-patch+json'].schema['$ref']")).isEqualTo("#/components/schemas/LeadChanges");
    // the provider webhooks need no login, only a signature: public, answering 403 and 429 themselves
    for (String webhook : List.of("/api/inbound/sms/twilio", "/api/inbound/sms/twilio/status")) {
      Map<String, Object> post = description.read("$.paths['" + webhook + "'].post");
      assertThat(post).as(webhook).containsEntry("security", List.of());
      assertThat((Map<String, Object>) post.get("responses")).as(webhook).containsKeys("200", "403", "429")
          .doesNotContainKey("401");
      assertThat((String) description.read("$.paths['" + webhook + "'].post.requestBody.content"
          + "['application/x-www-form-urlencoded'].schema['$ref']")).startsWith("#/components/schemas/Twilio");
    }
  }

  @Test
  void shouldListTheProblemsEachOperationMayAnswer() {
    List<Operation> operations = operations(description());
    for (Operation operation : operations) {
      Map<String, Object> responses = operation.responses();
      if (!operation.isPublic()) {
        assertProblem(operation, responses, "401");
        assertProblem(operation, responses, "403");
      }
      if (operation.parameters().stream().anyMatch(parameter -> "path".equals(parameter.get("in")))) {
        assertProblem(operation, responses, "404");
      } else {
        assertThat(responses).as("%s: no record named in its path, no 404", operation).doesNotContainKey("404");
      }
      if (operation.body().containsKey("requestBody") || !operation.parameters().isEmpty()) {
        assertProblem(operation, responses, "400");
      }
      if (CHANGES.contains(operation.method())) {
        assertProblem(operation, responses, "409");
      }
    }
    assertThat(operations).as("operations with a path variable")
        .anyMatch(operation -> operation.toString().equals("GET /api/leads/{leadId}"));
  }

  /** The schema of the problems says what the answers hold, no more and no less. */
  @Test
  void shouldDescribeProblemsAsTheyAreAnswered() {
    DocumentContext description = description();
    Map<String, Object> problem = description.read("$.components.schemas.Problem.properties");
    Map<String, Object> fieldError = description.read("$.components.schemas.ProblemFieldError.properties");
    assertThat(problem).containsOnlyKeys("type", "title", "status", "detail", "instance", "errors");
    assertThat(fieldError).containsOnlyKeys("field", "message");

    ResponseEntity<String> invalid = api.post("admin", "/api/leads", "{\"email\": \"not an email\"}");
    ResponseEntity<String> notFound = api.get("admin", "/api/leads/" + UUID.randomUUID());
    ResponseEntity<String> anonymous = api.get(null, "/api/leads");
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notFound.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (ResponseEntity<String> answer : List.of(invalid, notFound, anonymous)) {
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(problem).containsKeys(((Map<String, Object>) json(answer).read("$")).keySet().toArray(String[]::new));
    }
    List<Map<String, Object>> errors = json(invalid).read("$.errors");
    assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(fieldError).containsOnlyKeys(error.keySet()));
  }

  @Test
  void shouldNameTheApiAndBothLogins() {
    DocumentContext description = description();
    assertThat((String) description.read("$.info.title")).isEqualTo("crmflow API");
    assertThat((String) description.read("$.info.version")).isEqualTo(build.getVersion());
    assertThat((String) description.read("$.info.description")).contains("docs/api.md");

    Map<String, Object> basic = description.read("$.components.securitySchemes.basicAuth");
    assertThat(basic).containsEntry("type", "http").containsEntry("scheme", "basic");
    Map<String, Object> session = description.read("$.components.securitySchemes.webappSession");
    assertThat(session).containsEntry("type", "apiKey").containsEntry("in", "cookie")
        .containsEntry("name", "JSESSIONID");
    assertThat((String) session.get("description")).contains("Tasklist", "Cockpit", "X-XSRF-TOKEN");
    List<Map<String, Object>> security = description.read("$.security");
    assertThat(security).as("either login, for every operation")
        .containsExactly(Map.of("basicAuth", List.of()), Map.of("webappSession", List.of()));
  }

  @Test
  void shouldShowTheDescriptionAndSwaggerUiOnlyAfterALogin() {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
        "/swagger-ui.html", "/swagger-ui/index.html")) {
      ResponseEntity<String> anonymous = api.get(null, path);
      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    ResponseEntity<String> yaml = api.get("admin", "/v3/api-docs.yaml");
    assertThat(yaml.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(yaml.getBody()).contains("title: crmflow API");
    ResponseEntity<String> page = api.get("admin", "/swagger-ui/index.html");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("swagger-ui");
    ResponseEntity<String> config = api.get("admin", "/v3/api-docs/swagger-config");
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) json(config).read("$.url")).as("the description Swagger UI shows").isEqualTo("/v3/api-docs");
  }

  /** The browser in Swagger UI: the Tasklist login is enough, as for /api. */
  @Test
  void shouldShowTheDescriptionToABrowserLoggedInToTasklist() throws Exception {
    WebappSession sam = WebappSession.login(port, "sam");

    HttpResponse<String> description = sam.get("/v3/api-docs");
    HttpResponse<String> page = sam.page("/swagger-ui/index.html");

    assertThat(description.statusCode()).isEqualTo(200);
    assertThat((String) JsonPath.read(description.body(), "$.info.title")).isEqualTo("crmflow API");
    assertThat(page.statusCode()).isEqualTo(200);
  }

  /**
   * Schemas are named by the simple name of their Java type: two types of one name would share a
   * schema, and one of them would be described wrongly (a @Schema(name) tells them apart).
   */
  @Test
  void shouldGiveEachTypeItsOwnSchema() {
    Map<String, Schema<?>> seen = new HashMap<>();
    Map<String, Type> seenFrom = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    apiHandlers().values().forEach(handler -> typesOf(handler).forEach(type ->
        ModelConverters.getInstance().readAll(new AnnotatedType(type)).forEach((name, schema) -> {
          Schema<?> earlier = seen.putIfAbsent(name, schema);
          if (earlier != null && !earlier.equals(schema)) {
            clashes.add(name + ": " + seenFrom.get(name).getTypeName() + " and " + type.getTypeName());
          }
          seenFrom.putIfAbsent(name, type);
        })));
    assertThat(clashes).as("schema names shared by different types").isEmpty();
    assertThat(seen).as("schemas read from the handlers' types").containsKeys("LeadView", "IntakeReceipt",
        "ReplyReceipt", "CaseReplyReceipt");
  }

  /**
   * The names of a handler's path variables, query parameters and headers; a record bound from the
   * query (a list's filters) stands for one parameter per component.
   */
  private static List<String> parameterNames(HandlerMethod handler) {
    List<String> names = new ArrayList<>();
    for (MethodParameter parameter : handler.getMethodParameters()) {
      parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
      PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
      RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
      RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
      if (query != null && Map.class.isAssignableFrom(parameter.getParameterType())) {
        continue;  // all of a form's fields: the request body, not a parameter
      }
      if (path != null || query != null || header != null) {
        String named = path != null ? either(path.name(), path.value())
            : query != null ? either(query.name(), query.value()) : either(header.name(), header.value());
        names.add(either(named, parameter.getParameterName()));
      } else if (parameter.getParameterType().isRecord() && !parameter.hasParameterAnnotation(RequestBody.class)) {
        Stream.of(parameter.getParameterType().getRecordComponents())
            .forEach(component -> names.add(component.getName()));
      }
    }
    return names;
  }

  private static String either(String name, String otherwise) {
    return name.isEmpty() ? otherwise : name;
  }

  /** What a handler answers and takes, as Java types, including those named in its annotations. */
  private static List<Type> typesOf(HandlerMethod handler) {
    List<Type> types = new ArrayList<>();
    Method method = handler.getMethod();
    ResolvableType answer = ResolvableType.forMethodReturnType(method);
    types.add((ResponseEntity.class.equals(answer.resolve()) ? answer.getGeneric(0) : answer).getType());
    for (MethodParameter parameter : handler.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        types.add(parameter.getGenericParameterType());
      }
    }
    List<Content> annotated = new ArrayList<>();
    AnnotatedElementUtils.findMergedRepeatableAnnotations(method, ApiResponse.class)
        .forEach(response -> annotated.addAll(List.of(response.content())));
    var body = AnnotatedElementUtils.findMergedAnnotation(method,
        io.swagger.v3.oas.annotations.parameters.RequestBody.class);
    if (body != null) {
      annotated.addAll(List.of(body.content()));
    }
    annotated.forEach(content -> types.add(content.schema().implementation()));
    types.removeIf(type -> type == Void.class || type == Object.class);
    return types;
  }

  private DocumentContext description() {
    ResponseEntity<String> response = api.get("admin", "/v3/api-docs");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json(response);
  }

  private static List<Operation> operations(DocumentContext description) {
    Map<String, Map<String, Object>> paths = description.read("$.paths");
    List<Operation> operations = new ArrayList<>();
    paths.forEach((path, item) -> item.forEach((method, operation) -> {
      if (HTTP_METHODS.contains(method)) {
        operations.add(new Operation(method, path, cast(operation)));
      }
    }));
    return operations;
  }

  private Map<RequestMappingInfo, HandlerMethod> apiHandlers() {
    Map<RequestMappingInfo, HandlerMethod> handlers = new HashMap<>();
    handlerMapping.getHandlerMethods().forEach((info, handler) -> {
      if (info.getPatternValues().stream().anyMatch(pattern -> pattern.startsWith("/api/"))) {
        handlers.put(info, handler);
      }
    });
    return handlers;
  }

  /** A request body or an answer names a schema of its own (not a bare "object") for every media type. */
  private static void assertDescribed(String what, Map<String, Object> bodyOrAnswer) {
    Map<String, Object> content = cast(bodyOrAnswer.get("content"));
    assertThat(content).as("%s: its content", what).isNotEmpty();
    content.forEach((mediaType, entry) -> {
      Map<String, Object> schema = cast(((Map<?, ?>) entry).get("schema"));
      assertThat(schema).as("%s (%s): its schema", what, mediaType).isNotEmpty()
          .isNotEqualTo(Map.of("type", "object"));
    });
  }

  private static void assertProblem(Operation operation, Map<String, Object> responses, String status) {
    assertThat(responses).as("%s answers %s", operation, status).containsKey(status);
    Map<String, Object> content = cast(((Map<?, ?>) responses.get(status)).get("content"));
    assertThat(content).as("%s: %s as problem+json", operation, status).containsOnlyKeys("application/problem+json");
    Map<String, Object> schema = cast(((Map<?, ?>) content.get("application/problem+json")).get("schema"));
    assertThat(schema).as("%s: %s", operation, status).containsEntry("$ref", PROBLEM);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  /** The description writes {name}, whatever pattern the variable is restricted to. */
  private static String asDescribed(String pattern) {
    return pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
  }
}

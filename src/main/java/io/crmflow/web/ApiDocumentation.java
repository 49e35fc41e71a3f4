package io.crmflow.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * What the OpenAPI description of /api says beyond the controllers: who the API is, how callers log
 * in, and the problem+json errors every operation may answer with (ApiExceptionHandler,
 * ProblemSecurityHandlers). Every /api operation needs a login; one that declares an empty security
 * requirement would be public and list no 401 or 403. Operations are grouped by the resource their
 * path starts with, and named after their controller and method, so a generated client's names do
 * not change when another endpoint is added.
 */
@Component
class ApiDocumentation implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

  static final String BASIC_AUTH = "basicAuth";
  static final String WEBAPP_SESSION = "webappSession";
  static final String PROBLEM_SCHEMA = "Problem";
  static final String FIELD_ERROR_SCHEMA = "ProblemFieldError";

  private static final Set<PathItem.HttpMethod> CHANGES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
      PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

  private final String version;

  ApiDocumentation(ObjectProvider<BuildProperties> build) {
    // build-info.properties (spring-boot-maven-plugin); absent when the classes were built outside Maven
    BuildProperties properties = build.getIfAvailable();
    this.version = properties != null ? properties.getVersion() : "unknown";
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.info(new Info()
        .title("crmflow API")
        .version(version)
        .description("""
            crmflow's own REST API: leads, opportunities, quotes, coupons, support cases, contacts, messages, \
            audit and workflow metrics. Errors are RFC 9457 problem+json; a 400 names each offending field in \
            `errors[].field`. Systems log in with HTTP Basic, a browser with its Tasklist/Cockpit login. \
            docs/api.md in the crmflow repository explains errors, logins and the Idempotency-Key header; \
            docs/security.md says which groups may call which endpoint."""));
    Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
    openApi.components(components
        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("basic")
            .description("A crmflow user (Camunda's identity store): other systems, scripts, curl."))
        .addSecuritySchemes(WEBAPP_SESSION, new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.COOKIE)
            .name("JSESSIONID")
            .description("""
                The session of a login to Camunda Tasklist or Cockpit (/camunda), for pages in the browser \
                (the Tasklist plug-in, the dashboard). A change (POST, PATCH, DELETE) made with it must also \
                send the webapps' CSRF token, the value of their XSRF-TOKEN cookie, in the X-XSRF-TOKEN \
                header, or it is refused with 403. A request with an Authorization header is left to HTTP \
                Basic alone and never falls back to the session."""))
        .addSchemas(FIELD_ERROR_SCHEMA, new ObjectSchema()
            .description("One offending field and what is wrong with it")
            .addProperty("field", new StringSchema().description("The field, parameter or header, e.g. email, "
                + "lineItems[0].quantity, Idempotency-Key"))
            .addProperty("message", new StringSchema()))
        .addSchemas(PROBLEM_SCHEMA, new ObjectSchema()
            .description("RFC 9457 problem details")
            .addProperty("type", new StringSchema().format("uri")
                .description("What went wrong, e.g. https://crmflow.example/problems/invalid-request"))
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema().format("uri"))
            .addProperty("errors", new ArraySchema().items(ref(FIELD_ERROR_SCHEMA))
                .description("400 only: each offending field"))));
    // either login will do
    openApi.security(List.of(new SecurityRequirement().addList(BASIC_AUTH),
        new SecurityRequirement().addList(WEBAPP_SESSION)));
    if (openApi.getPaths() != null) {
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
        operation.setTags(List.of(resource(path)));
        addProblems(method, operation);
      }));
    }
  }

  /** The tag: what the path starts with, /api/opportunities/{id}/quotes → Opportunities. */
  private static String resource(String path) {
    return StringUtils.capitalize(path.replaceFirst("^/api/", "").split("/")[0]);
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    // springdoc's default is the method name, made unique with _1, _2 … in whatever order it meets them
    String controller = ClassUtils.getUserClass(handler.getBeanType()).getSimpleName()
        .replaceFirst("Controller$", "");
    operation.setOperationId(StringUtils.uncapitalize(controller)
        + StringUtils.capitalize(handler.getMethod().getName()));
    if (operation.getParameters() != null) {
      operation.getParameters().stream()
          .filter(parameter -> "header".equals(parameter.getIn())
              && IdempotentRequests.HEADER.equals(parameter.getName()))
          .forEach(parameter -> parameter.description("""
              Optional, up to 200 characters, per caller. Repeating the request with the same key changes \
              nothing and answers as the first time did (status, Location, the record as it is now); the same \
              key with a different request is 422."""));
    }
    return operation;
  }

  private void addProblems(PathItem.HttpMethod method, Operation operation) {
    boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
    boolean hasPathVariable = hasParameters && operation.getParameters().stream()
        .anyMatch(parameter -> "path".equals(parameter.getIn()));
    boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.responses(responses);
    if (operation.getRequestBody() != null || hasParameters) {
      addProblem(responses, "400", "Invalid request: a field of the body, a parameter or a header (each named "
          + "in errors[].field), or a body that cannot be read");
    }
    if (!isPublic) {
      addProblem(responses, "401", "No login, or a wrong user or password");
      addProblem(responses, "403", CHANGES.contains(method)
          ? "The caller's groups may not call this (docs/security.md), or the webapp session came without "
              + "its X-XSRF-TOKEN"
          : "The caller's groups may not call this (docs/security.md)");
    }
    if (hasPathVariable) {
      addProblem(responses, "404", "No such record");
    }
    if (CHANGES.contains(method)) {
      addProblem(responses, "409", "The record's state does not allow this, or a concurrent change won; "
          + "reload and retry");
    }
  }

  /** Adds the problem answer unless the controller already described that status itself. */
  private static void addProblem(ApiResponses responses, String status, String description) {
    responses.putIfAbsent(status, new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            new MediaType().schema(ref(PROBLEM_SCHEMA)))));
  }

  private static Schema<?> ref(String schema) {
    return new Schema<>().$ref("#/components/schemas/" + schema);
  }
}

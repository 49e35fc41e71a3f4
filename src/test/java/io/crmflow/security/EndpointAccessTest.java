package io.crmflow.security;

import static io.crmflow.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoint table in docs/security.md ("Endpoints and who may call them") is the access rule: every
 * row is called without credentials, and as a user of each group, which must get through exactly when the
 * row lists the group.
 */
@ApiTest
class EndpointAccessTest {

  private static final String ANYONE = "anyone";
  /**
   * A provider's webhook: no login, the provider's signature decides. These calls carry none, so each is
   * refused by the signature check (403 naming the signature) whoever makes it — "anyone" would expect them
   * through, a list of groups would expect 401 without credentials.
   */
  private static final String PROVIDER_SIGNATURE = "provider signature";

  @Autowired Api api;
  @Autowired IdentityService identityService;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlerMapping;

  /** One row of the endpoint table in docs/security.md. */
  record Endpoint(HttpMethod method, String path, Set<String> groups) {

    @Override
    public String toString() {
      return method + " " + path;
    }

    String concretePath() {
      return path.replace("{id}", UUID.randomUUID().toString())
          .replace("{email}", "nobody." + UUID.randomUUID() + "@example.org")
          .replace("{token}", "not-a-valid-token");
    }
  }

  static List<Endpoint> endpoints() throws IOException {
    String page = Files.readString(Path.of("docs", "security.md"));
    String table = page.substring(page.indexOf("<!-- endpoint-access:start -->"),
        page.indexOf("<!-- endpoint-access:end -->"));
    List<Endpoint> rows = table.lines()
        .filter(line -> line.startsWith("| ") && !line.startsWith("| method"))
        .map(line -> line.split("\\|"))
        .map(cells -> new Endpoint(HttpMethod.valueOf(cells[1].strip()), cells[2].strip().replace("`", ""),
            Arrays.stream(cells[3].split(",")).map(String::strip).collect(Collectors.toSet())))
        .toList();
    assertThat(rows).as("endpoint table in docs/security.md").hasSizeGreaterThan(10);
    return rows;
  }

  static Stream<Object[]> endpointsAndGroups() throws IOException {
    return endpoints().stream().flatMap(endpoint -> CrmGroups.ALL.stream().map(group -> new Object[] {endpoint, group}));
  }

  /** A user per group, member of that group only (password = user id, as the Api helper expects). */
  @BeforeEach
  void createOneUserPerGroup() {
    for (String group : CrmGroups.ALL) {
      String userId = userOf(group);
      if (identityService.createUserQuery().userId(userId).count() == 0) {
        User user = identityService.newUser(userId);
        user.setPassword(userId);
        identityService.saveUser(user);
        identityService.createMembership(userId, group);
      }
    }
  }

  static String userOf(String group) {
    return "acl" + group.replace("-", "");  // user ids: letters and digits only
  }

  @ParameterizedTest(name = "{0} without credentials")
  @MethodSource("endpoints")
  void shouldRequireCredentialsUnlessPublic(Endpoint endpoint) {
    ResponseEntity<String> response = call(null, endpoint);
    if (endpoint.groups().contains(PROVIDER_SIGNATURE)) {
      assertRefusedForItsSignature(endpoint, response);
    } else if (endpoint.groups().contains(ANYONE)) {
      assertThat(response.getStatusCode().value()).as(endpoint + " is public").isNotIn(401, 403);
    } else {
      assertThat(response.getStatusCode()).as(endpoint.toString()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("endpointsAndGroups")
  void shouldLetExactlyTheListedGroupsThrough(Endpoint endpoint, String group) {
    ResponseEntity<String> response = call(userOf(group), endpoint);
    int status = response.getStatusCode().value();
    if (endpoint.groups().contains(PROVIDER_SIGNATURE)) {
      assertRefusedForItsSignature(endpoint, response);
    } else if (endpoint.groups().contains(group) || endpoint.groups().contains(ANYONE)) {
      assertThat(status).as("%s as %s: %s", endpoint, group, response.getBody()).isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(status).as("%s as %s", endpoint, group).isEqualTo(403);
    }
  }

  private static void assertRefusedForItsSignature(Endpoint endpoint, ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as("%s unsigned", endpoint).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat((String) json(response).read("$.type")).as("%s refused by its signature check", endpoint)
        .endsWith("/invalid-signature");
  }

  private ResponseEntity<String> call(String user, Endpoint endpoint) {
    boolean body = (endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PATCH)
        && endpoint.path().startsWith("/api/");
    return api.exchange(user, endpoint.method(), endpoint.concretePath(), body ? "{}" : null, Map.of());
  }

  /** Every endpoint crmflow itself serves has a row, so none escapes this test. */
  @Test
  void shouldListEveryEndpointOfTheApplication() throws IOException {
    List<Endpoint> rows = endpoints();
    AntPathMatcher matcher = new AntPathMatcher();
    List<String> missing = handlerMapping.getHandlerMethods().keySet().stream()
        .flatMap(info -> info.getPatternValues().stream().flatMap(pattern -> info.getMethodsCondition().getMethods()
            .stream().map(method -> method + " " + pattern)))
        .filter(endpoint -> endpoint.matches("\\w+ /(api|dev|unsubscribe)(/.*)?"))
        .filter(endpoint -> rows.stream().noneMatch(row -> endpoint.startsWith(row.method().name() + " ")
            && matcher.match(endpoint.substring(endpoint.indexOf(' ') + 1), row.concretePath().split("\\?")[0])))
        .sorted()
        .toList();
    assertThat(missing).as("endpoints missing from the table in docs/security.md").isEmpty();
  }

  /** Who sees a running lead intake through the engine's list endpoints. */
  @Test
  void shouldShowARunningIntakeOnlyToTheGroupsWorkingOnIt() {
    ResponseEntity<String> submitted = api.post("webform", "/api/leads", """
        {"name": "List Leak", "email": "list.leak.%s@example.org", "source": "referral",
         "companySize": 1200, "budget": 150000}""".formatted(UUID.randomUUID()));
    String processInstanceId = json(submitted).read("$.processInstanceId");
    await().atMost(Duration.ofSeconds(20)).until(() ->
        ((List<?>) json(api.get("admin", "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId))
            .read("$")).size() == 1);

    Map<String, Set<String>> whoSees = Map.of(
        "/engine-rest/task?maxResults=10&processInstanceId=" + processInstanceId,
        Set.of(CrmGroups.SALES, CrmGroups.SALES_MANAGERS, CrmGroups.ADMINS),
        "/engine-rest/process-instance?maxResults=10&processInstanceIds=" + processInstanceId,
        Set.of(CrmGroups.SALES_MANAGERS, CrmGroups.ADMINS),
        "/engine-rest/history/process-instance?maxResults=10&processInstanceId=" + processInstanceId,
        Set.of(CrmGroups.SALES_MANAGERS, CrmGroups.ADMINS),
        "/engine-rest/history/activity-instance?maxResults=100&processInstanceId=" + processInstanceId,
        Set.of(CrmGroups.SALES_MANAGERS, CrmGroups.ADMINS),
        "/engine-rest/history/variable-instance?maxResults=100&processInstanceId=" + processInstanceId,
        Set.of(CrmGroups.SALES_MANAGERS, CrmGroups.ADMINS));
    whoSees.forEach((path, groups) -> {
      for (String group : CrmGroups.STAFF) {
        ResponseEntity<String> response = api.get(userOf(group), path);
        assertThat(response.getStatusCode()).as("%s as %s", path, group).isEqualTo(HttpStatus.OK);
        List<?> seen = json(response).read("$");
        assertThat(seen).as("%s as %s", path, group).hasSize(groups.contains(group) ? seen.size() : 0);
        if (groups.contains(group)) {
          assertThat(seen).as("%s as %s", path, group).isNotEmpty();
        }
      }
    });
  }
}

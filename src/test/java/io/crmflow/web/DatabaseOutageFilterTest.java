package io.crmflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A database outage met before the controller (checking the caller's password) is a 503 problem+json too. */
class DatabaseOutageFilterTest {

  private final DatabaseOutageFilter filter = new DatabaseOutageFilter(Jackson2ObjectMapperBuilder.json().build());

  @Test
  void shouldAnswer503WhenAuthenticationCannotReachTheDatabase() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(new MockHttpServletRequest("POST", "/api/leads"), response, (request, ignored) -> {
      throw new ProcessEngineException("checkPassword",
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"));
    });
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentAsString()).contains("\"status\":503").contains("service-unavailable");
  }

  @Test
  void shouldLeaveOtherFailuresAndOtherPathsAlone() {
    IllegalStateException bug = new IllegalStateException("a bug");
    assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("POST", "/api/leads"),
        new MockHttpServletResponse(), (request, response) -> {
          throw bug;
        })).isSameAs(bug);
    ProcessEngineException outage = new ProcessEngineException("x", new SQLTransientConnectionException("down"));
    assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/camunda/app/"),
        new MockHttpServletResponse(), (request, response) -> {
          throw outage;
        })).isSameAs(outage);
  }
}

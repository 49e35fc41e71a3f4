package io.crmflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.CrmflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the dev profile there is no default admin password: the app refuses to start. */
class AdminPasswordRequiredTest {

  @Test
  void shouldRefuseToStartWithoutAnAdminPassword() {
    SpringApplicationBuilder app = new SpringApplicationBuilder(CrmflowApplication.class)
        .profiles("production-like")
        .properties(
            "crmflow.security.admin-password=",
            "spring.datasource.url=jdbc:h2:mem:no-admin-password",
            "server.port=0",
            "camunda.bpm.job-execution.enabled=false",
            "camunda.bpm.process-engine-name=no-admin-password");

    assertThatThrownBy(app::run)
        .hasStackTraceContaining("crmflow.security")
        .hasStackTraceContaining("CRMFLOW_ADMIN_PASSWORD");
  }
}

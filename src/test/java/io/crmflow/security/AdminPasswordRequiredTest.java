package io.crmflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.CrmflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Outside the dev profile there is no default admin password: the app refuses to start. */
class AdminPasswordRequiredTest {

  @Test
  void shouldRefuseToStartWithoutAnAdminPassword() {
    SpringApplicationBuilder app = new SpringApplicationBuilder(CrmflowApplication.class).profiles("production-like");

    // command-line arguments: they outrank application.yaml, as an operator's settings would
    assertThatThrownBy(() -> app.run(
            "--crmflow.security.admin-password=",
            "--spring.datasource.url=jdbc:h2:mem:no-admin-password",
            "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=noAdminPassword",
            "--crmflow.messaging.secret=a-messaging-secret-for-this-test",
            // the Camunda webapps keep per-JVM static state: a second webapp would break the API tests' one
            "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"))
        .hasStackTraceContaining("crmflow.security")
        .hasStackTraceContaining("CRMFLOW_ADMIN_PASSWORD");
  }
}

package io.crmflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.CrmflowApplication;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.Cookie;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The application as operators run it — no dev or test profile, secrets passed in as the
 * environment would — started once; each secure-configuration rule of that profile its own test.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionProfileTest {

  private static final Map<String, String> SECRETS = Map.of(
      "crmflow.security.admin-password", "Adm1n-Secret-7f3c9e",
      "crmflow.messaging.secret", "Messaging-Secret-0b5d27a1c4",
      "crmflow.sms.auth-token", "Sms-Token-9e1f44d2",
      "spring.mail.password", "Smtp-Password-5a8c31");

  private ConfigurableApplicationContext app;
  private String startupOutput;

  @BeforeAll
  void start(CapturedOutput output) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:mem:production-like;DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.process-engine-name=productionLike",
        "--crmflow.sms.provider=twilio",
        "--crmflow.sms.account-sid=AC0123456789",
        "--crmflow.sms.from=+12025550100",
        "--spring.mail.username=crmflow",
        // the Camunda webapps keep static state per JVM: a second instance would disturb the API tests' one
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
    SECRETS.forEach((key, value) -> args.add("--" + key + "=" + value));
    app = new SpringApplicationBuilder(CrmflowApplication.class).profiles("production-like")
        .run(args.toArray(String[]::new));
    startupOutput = output.getAll();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shouldCreateNoDemoUsers() {
    IdentityService identity = app.getBean(IdentityService.class);
    assertThat(identity.createUserQuery().list()).extracting(user -> user.getId()).containsExactly("admin");
    assertThat(identity.checkPassword("admin", SECRETS.get("crmflow.security.admin-password"))).isTrue();
  }

  @Test
  void shouldSendTheSessionCookieOverHttpsOnlyAndSameSite() {
    Cookie cookie = app.getBean(ServerProperties.class).getServlet().getSession().getCookie();
    assertThat(cookie.getSecure()).isTrue();
    assertThat(cookie.getHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo(Cookie.SameSite.LAX);
  }

  @Test
  void shouldSendTheWebappCookiesOverHttpsOnlyAndSameSite() {
    CamundaBpmProperties camunda = app.getBean(CamundaBpmProperties.class);
    assertThat(camunda.getWebapp().getCsrf().isEnableSecureCookie()).isTrue();
    assertThat(camunda.getWebapp().getCsrf().isEnableSameSiteCookie()).isTrue();
    assertThat(camunda.getWebapp().getSessionCookie().isEnableSecureCookie()).isTrue();
    assertThat(camunda.getWebapp().getSessionCookie().isEnableSameSiteCookie()).isTrue();
  }

  @Test
  void shouldKeepTheH2ConsoleOff() {
    assertThat(app.getEnvironment().getProperty("spring.h2.console.enabled", Boolean.class)).isFalse();
    assertThat(app.containsBean("h2Console")).isFalse();
  }

  @Test
  void shouldNeverLogSecrets(CapturedOutput output) {
    assertThat(startupOutput).as("start-up logged").contains("Started");
    SECRETS.forEach((key, secret) -> {
      assertThat(startupOutput).as(key).doesNotContain(secret);
      assertThat(output.getAll()).as(key).doesNotContain(secret);
    });
  }

  /** Secrets have no value in application.yaml, only an environment variable without a default. */
  @Test
  void shouldTakeSecretsOnlyFromTheEnvironment() throws IOException {
    List<PropertySource<?>> sources = new YamlPropertySourceLoader()
        .load("application.yaml", new ClassPathResource("application.yaml"));
    for (String key : List.of("crmflow.security.admin-password", "crmflow.messaging.secret",
        "crmflow.sms.auth-token", "crmflow.sms.account-sid")) {
      Object value = sources.get(0).getProperty(key);
      assertThat(String.valueOf(value)).as(key).matches("\\$\\{CRMFLOW_[A-Z_]+:}");
    }
    assertThat(sources.get(0).getProperty("spring.mail.password")).as("SMTP password: SPRING_MAIL_PASSWORD").isNull();
  }
}

package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SmsPropertiesTest {

  @Test
  void toStringHidesTheAuthToken() {
    SmsProperties properties = new SmsProperties("twilio", URI.create("https://api.twilio.com"), "AC123",
        "very-secret-token", "+15005550006", Duration.ofSeconds(3), Duration.ofSeconds(10));

    assertThat(properties.toString())
        .doesNotContain("very-secret-token")
        .contains("AC123", "authToken=******");
  }

  @Test
  void defaultsToTheDevelopmentSenderWithShortTimeouts() {
    SmsProperties properties = bind(Map.of());

    assertThat(properties.provider()).isEqualTo("log");
    assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(properties.authToken()).isNull();
  }

  @Test
  void takesTheTokenFromTheEnvironment() {
    SmsProperties properties = bind(Map.of(
        "CRMFLOW_SMS_PROVIDER", "twilio",
        "CRMFLOW_SMS_ACCOUNT_SID", "AC123",
        "CRMFLOW_SMS_AUTH_TOKEN", "from-env",
        "CRMFLOW_SMS_READ_TIMEOUT", "5s"));

    assertThat(properties.provider()).isEqualTo("twilio");
    assertThat(properties.accountSid()).isEqualTo("AC123");
    assertThat(properties.authToken()).isEqualTo("from-env");
    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  private static SmsProperties bind(Map<String, Object> environment) {
    StandardEnvironment spring = new StandardEnvironment();
    spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    return new Binder(ConfigurationPropertySources.get(spring)).bindOrCreate("crmflow.sms", SmsProperties.class);
  }
}

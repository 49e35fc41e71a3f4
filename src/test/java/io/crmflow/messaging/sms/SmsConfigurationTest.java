package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.web.PublicUrl;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;

class SmsConfigurationTest {

  private final SmsConfiguration configuration = new SmsConfiguration();

  @Test
  void logProviderSendsNothing() {
    assertThat(sender(properties("log", null, null, null)))
        .isInstanceOf(LoggingSmsSender.class);
  }

  @Test
  void twilioProviderWithSettingsSendsOverHttp() {
    assertThat(sender(properties("twilio", "AC1", "token", "+15005550006")))
        .isInstanceOf(TwilioSmsSender.class);
  }

  @Test
  void twilioProviderWithoutSettingsFailsAtStartUpNamingThem() {
    assertThatThrownBy(() -> sender(properties("twilio", "AC1", " ", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("crmflow.sms.auth-token")
        .hasMessageContaining("CRMFLOW_SMS_AUTH_TOKEN")
        .hasMessageContaining("crmflow.sms.from")
        .hasMessageNotContaining("account-sid");
  }

  @Test
  void unknownProviderFailsAtStartUp() {
    assertThatThrownBy(() -> sender(properties("twillio", null, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'twillio'");
  }

  private SmsSender sender(SmsProperties properties) {
    return configuration.smsSender(properties, RestClient.builder(), new PublicUrl("http://localhost:8080"),
        new MockEnvironment());
  }

  private static SmsProperties properties(String provider, String accountSid, String token, String from) {
    return new SmsProperties(provider, URI.create("https://api.twilio.com"), accountSid, token, from,
        Duration.ofSeconds(3), Duration.ofSeconds(10));
  }
}

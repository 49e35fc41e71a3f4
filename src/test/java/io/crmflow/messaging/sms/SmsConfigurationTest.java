package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class SmsConfigurationTest {

  private final SmsConfiguration configuration = new SmsConfiguration();

  @Test
  void logProviderSendsNothing() {
    assertThat(configuration.smsSender(properties("log", null, null, null), RestClient.builder()))
        .isInstanceOf(LoggingSmsSender.class);
  }

  @Test
  void twilioProviderWithSettingsSendsOverHttp() {
    assertThat(configuration.smsSender(properties("twilio", "AC1", "token", "+15005550006"), RestClient.builder()))
        .isInstanceOf(TwilioSmsSender.class);
  }

  @Test
  void twilioProviderWithoutSettingsFailsAtStartUpNamingThem() {
    assertThatThrownBy(() -> configuration.smsSender(properties("twilio", "AC1", " ", null), RestClient.builder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("crmflow.sms.auth-token")
        .hasMessageContaining("CRMFLOW_SMS_AUTH_TOKEN")
        .hasMessageContaining("crmflow.sms.from")
        .hasMessageNotContaining("account-sid");
  }

  @Test
  void unknownProviderFailsAtStartUp() {
    assertThatThrownBy(() -> configuration.smsSender(properties("twillio", null, null, null), RestClient.builder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'twillio'");
  }

  private static SmsProperties properties(String provider, String accountSid, String token, String from) {
    return new SmsProperties(provider, URI.create("https://api.twilio.com"), accountSid, token, from,
        Duration.ofSeconds(3), Duration.ofSeconds(10));
  }
}

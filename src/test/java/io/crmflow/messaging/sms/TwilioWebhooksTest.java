package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature check against the examples of Twilio's own request validators (auth token 12345). */
class TwilioWebhooksTest {

  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final Map<String, List<String>> PARAMETERS = Map.of(
      "CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+14158675309"), "Digits", List.of("1234"),
      "From", List.of("+14158675309"), "To", List.of("+18005551212"));

  private final TwilioWebhooks webhooks = webhooks("12345");

  @Test
  void acceptsTwilioSignature() {
    assertThat(webhooks.isSigned(URL, PARAMETERS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
  }

  @Test
  void signsRepeatedParametersOncePerDistinctValueInOrder() {
    Map<String, List<String>> repeated = Map.of("Sid", List.of("CA123"), "SidAccount", List.of("AC123"),
        "Digits", List.of("5678", "1234", "1234"));

    assertThat(webhooks.isSigned(URL, repeated, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isTrue();
  }

  @Test
  void refusesAnythingElse() {
    String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    assertThat(webhooks.isSigned(URL + "&baz=3", PARAMETERS, signature)).as("another URL").isFalse();
    assertThat(webhooks.isSigned(URL, Map.of("Digits", List.of("1234")), signature)).as("other parameters").isFalse();
    assertThat(webhooks.isSigned(URL, PARAMETERS, "RSOYDt4T1cUTdK1PDd93/VVr8B8")).as("a wrong signature").isFalse();
    assertThat(webhooks.isSigned(URL, PARAMETERS, null)).as("no signature").isFalse();
    assertThat(webhooks("54321").isSigned(URL, PARAMETERS, signature)).as("another token").isFalse();
    assertThat(webhooks(null).isSigned(URL, PARAMETERS, signature)).as("no token configured").isFalse();
  }

  private static TwilioWebhooks webhooks(String authToken) {
    return new TwilioWebhooks(new SmsProperties("log", URI.create("https://api.twilio.com"), "AC1", authToken, null,
        Duration.ofSeconds(3), Duration.ofSeconds(10)));
  }
}

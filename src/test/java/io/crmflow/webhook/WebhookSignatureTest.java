package io.crmflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /** The example of the Standard Webhooks specification and its reference libraries. */
  @Test
  void shouldSignTheSpecificationsExampleAsItSays() {
    byte[] key = WebhookSignature.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(WebhookSignature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void shouldRefuseASecretThatIsNotWhsecBase64() {
    assertThatThrownBy(() -> WebhookSignature.key(null)).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSignature.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSignature.key("whsec_not base64!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> WebhookSignature.key("whsec_c2hvcnQ=")).hasMessageContaining("24 bytes");
  }
}

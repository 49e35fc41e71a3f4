package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsMessageTest {

  @Test
  void requiresE164WithoutRepeatingTheNumber() {
    assertThatThrownBy(() -> new SmsMessage("030 1234567", "Hi", "k1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("E.164")
        .hasMessageNotContaining("1234567");
  }

  @Test
  void toStringLeavesOutNumberAndText() {
    assertThat(new SmsMessage("+49301234567", "secret text", "k1").toString())
        .contains("k1")
        .doesNotContain("+49301234567", "secret text");
  }
}

package io.crmflow.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingSmsSenderTest {

  @Test
  void sendsNothingAndReturnsADevelopmentReceipt() {
    SmsReceipt receipt = new LoggingSmsSender().send(new SmsMessage("+12025550143", "Hi", "case-7-reply"));

    assertThat(receipt.providerMessageId()).isEqualTo("dev-case-7-reply");
  }
}

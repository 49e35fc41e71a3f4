package io.crmflow.messaging.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Development sender: sends nothing, so a local run never texts a real person. */
class LoggingSmsSender implements SmsSender {

  private static final Logger log = LoggerFactory.getLogger(LoggingSmsSender.class);

  @Override
  public SmsReceipt send(SmsMessage message) {
    // neither number nor text: the message log (not this class) is where a developer reads them
    log.info("SMS {} not sent: development SMS sender", message.idempotencyKey());
    return new SmsReceipt("dev-" + message.idempotencyKey());
  }
}

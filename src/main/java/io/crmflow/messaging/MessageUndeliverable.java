package io.crmflow.messaging;

/** A message that can never be delivered (mailbox does not exist, invalid number): not retried. */
public class MessageUndeliverable extends RuntimeException {

  /** BPMN error codes processes catch. */
  public static final String MAIL_UNDELIVERABLE = "MailUndeliverable";
  public static final String SMS_UNDELIVERABLE = "SmsUndeliverable";

  private final Channel channel;

  public MessageUndeliverable(Channel channel, String message, Throwable cause) {
    super(message, cause);
    this.channel = channel;
  }

  public String errorCode() {
    return channel == Channel.SMS ? SMS_UNDELIVERABLE : MAIL_UNDELIVERABLE;
  }
}

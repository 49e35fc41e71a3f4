package io.crmflow.messaging.sms;

/** The provider's id of a message it accepted (Twilio's {@code sid}), for tracing it at the provider. */
public record SmsReceipt(String providerMessageId) {
}

package io.crmflow.mailinbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * A Mailgun event webhook's body, as far as crmflow reads it (Mailgun sends many more fields, ignored here).
 *
 * @param signature the request's signature fields
 * @param eventData what happened
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "MailgunEvent")
record MailgunEvent(Signature signature, @JsonProperty("event-data") EventData eventData) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "MailgunEventSignature")
  record Signature(@Schema(example = "1764950400") String timestamp, String token,
      @Schema(description = "hex HMAC-SHA256 of timestamp + token, keyed with the webhook signing key")
      String signature) {
  }

  /**
   * @param id        the event's id: a repeated delivery is recognised by it
   * @param event     {@code failed} or {@code complained}; other events are acknowledged and ignored
   * @param severity  of a failure: {@code permanent} (a hard bounce) or {@code temporary}
   * @param recipient the address the event is about
   * @param message   the message, by its headers: crmflow's Message-ID names the message log's entry
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "MailgunEventData")
  record EventData(@Schema(example = "CPgfbmQMTCKtHW6uIWtuVe") String id,
      @Schema(example = "failed") String event,
      @Schema(example = "permanent") String severity,
      @Schema(example = "ada@example.org") String recipient,
      Message message) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @Schema(name = "MailgunEventMessage")
  record Message(@Schema(example = "{\"message-id\": \"Task.SendQuote.4f2c.sam@crmflow\"}") Map<String, Object> headers) {

    String messageId() {
      Object value = headers == null ? null : headers.get("message-id");
      return value instanceof String id && !id.isBlank() ? id : null;
    }
  }

  MailgunSignature.Fields signatureFields() {
    return signature == null ? null : new MailgunSignature.Fields(signature.timestamp(), signature.token(),
        signature.signature());
  }
}

package io.crmflow.mailinbound;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.util.MultiValueMap;

/**
 * What a Mailgun route's {@code forward()} posts ({@code multipart/form-data} or
 * {@code application/x-www-form-urlencoded}), as far as crmflow reads it; other fields (attachments, headers) are
 * ignored.
 *
 * @param recipient    the address the email was sent to: crmflow's Reply-To, {@code reply+<token>@<reply domain>}
 * @param sender       the envelope sender, kept with the reply (never used to match it)
 * @param from         the From header (display only; anyone can write it)
 * @param strippedText the text without the quoted message and signature, which Mailgun takes off
 * @param bodyPlain    the whole plain-text body, used when there is no stripped text
 * @param messageId    the email's Message-Id header: the event id a repeated delivery is recognised by
 */
@Schema(name = "MailgunInboundEmail", description = "The fields of a Mailgun route's forward() post that crmflow reads")
record MailgunInboundEmail(
    @Schema(example = "reply+0b7f3c526a1e4d0e9c572f8f0d6f4a11-5d41402abc4b2a76b971@reply.crmflow.example")
    String recipient,
    @Schema(example = "ada@example.org") String sender,
    @Schema(example = "Ada Lovelace <ada@example.org>") String from,
    @Schema(example = "Re: Your quote") String subject,
    @Schema(name = "stripped-text", example = "Could you make it 10 seats?") String strippedText,
    @Schema(name = "body-plain") String bodyPlain,
    @Schema(name = "Message-Id", example = "<CAF=abc123@mail.example.org>") String messageId,
    @Schema(example = "1764950400") String timestamp,
    @Schema(example = "3b0d6e7c1f2a4e5d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e") String token,
    @Schema(description = "hex HMAC-SHA256 of timestamp + token, keyed with the webhook signing key") String signature) {

  static MailgunInboundEmail of(MultiValueMap<String, String> form) {
    return new MailgunInboundEmail(form.getFirst("recipient"), form.getFirst("sender"), form.getFirst("from"),
        form.getFirst("subject"), form.getFirst("stripped-text"), form.getFirst("body-plain"),
        form.getFirst("Message-Id"), form.getFirst("timestamp"), form.getFirst("token"), form.getFirst("signature"));
  }

  MailgunSignature.Fields signatureFields() {
    return new MailgunSignature.Fields(timestamp, token, signature);
  }

  /** What the sender wrote: the stripped text, else the whole body. */
  String text() {
    return strippedText != null && !strippedText.isBlank() ? strippedText : bodyPlain;
  }
}

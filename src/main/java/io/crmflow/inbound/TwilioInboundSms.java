package io.crmflow.inbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.crmflow.shared.InvalidFieldException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * What Twilio posts, form-encoded, when an SMS comes in (the parameters crmflow reads; Twilio sends more,
 * all of them signed).
 *
 * @param messageSid the provider's id of the message (older webhooks: {@code SmsSid}); handled once per id
 * @param body       the text; control characters other than line breaks and tabs become spaces
 */
@Schema(description = "Twilio's incoming-message webhook (application/x-www-form-urlencoded); further Twilio "
    + "parameters are accepted, signed and otherwise ignored")
public record TwilioInboundSms(
    @JsonProperty("MessageSid") @Schema(example = "SM0123456789abcdef0123456789abcdef") String messageSid,
    @JsonProperty("From") @Schema(description = "The sender, E.164", example = "+442079460000") String from,
    @JsonProperty("To") @Schema(description = "crmflow's number", example = "+15005550006") String to,
    @JsonProperty("Body") @Schema(maxLength = TwilioInboundSms.MAX_BODY) String body) {

  /** Twilio's limit for one (concatenated) message. */
  static final int MAX_BODY = 1600;
  static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  /** @throws InvalidFieldException naming the parameter that is missing or malformed */
  static TwilioInboundSms of(MultiValueMap<String, String> form) {
    String sid = form.getFirst("MessageSid") != null ? form.getFirst("MessageSid") : form.getFirst("SmsSid");
    String body = form.getFirst("Body") == null ? "" : form.getFirst("Body");
    if (body.length() > MAX_BODY) {
      throw new InvalidFieldException("Body", "must be at most " + MAX_BODY + " characters");
    }
    return new TwilioInboundSms(sid(sid, "MessageSid"), address(form.getFirst("From"), "From"),
        form.getFirst("To") == null ? null : address(form.getFirst("To"), "To"),
        CONTROL.matcher(body).replaceAll(" "));
  }

  static String sid(String value, String field) {
    if (value == null || !SID.matcher(value).matches()) {
      throw new InvalidFieldException(field, "is required: 2 to 64 letters and digits, e.g. SM0123…");
    }
    return value;
  }

  private static String address(String value, String field) {
    if (value == null || value.isBlank() || value.length() > 64 || CONTROL.matcher(value).find()) {
      throw new InvalidFieldException(field, "is required: a phone number or sender id of at most 64 characters");
    }
    return value.strip();
  }
}

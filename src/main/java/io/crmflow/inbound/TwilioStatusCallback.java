package io.crmflow.inbound;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.crmflow.messaging.MessageStatus;
import io.crmflow.shared.InvalidFieldException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * What Twilio posts, form-encoded, to a message's {@code StatusCallback} as its status changes (the
 * parameters crmflow reads).
 *
 * @param messageStatus queued, sending, sent, delivered, undelivered, failed…; only the last three are outcomes
 * @param errorCode     Twilio's error code of an undelivered or failed message, e.g. 30003
 */
@Schema(description = "Twilio's message status callback (application/x-www-form-urlencoded); further Twilio "
    + "parameters are accepted, signed and otherwise ignored")
public record TwilioStatusCallback(
    @JsonProperty("MessageSid") @Schema(example = "SM0123456789abcdef0123456789abcdef") String messageSid,
    @JsonProperty("MessageStatus") @Schema(example = "delivered") String messageStatus,
    @JsonProperty("ErrorCode") @Schema(example = "30003") String errorCode) {

  private static final Pattern STATUS = Pattern.compile("[a-z_]{1,32}");
  private static final Pattern ERROR_CODE = Pattern.compile("\\d{1,10}");

  /** @throws InvalidFieldException naming the parameter that is missing or malformed */
  static TwilioStatusCallback of(MultiValueMap<String, String> form) {
    String sid = form.getFirst("MessageSid") != null ? form.getFirst("MessageSid") : form.getFirst("SmsSid");
    String status = form.getFirst("MessageStatus") != null ? form.getFirst("MessageStatus")
        : form.getFirst("SmsStatus");
    status = status == null ? null : status.strip().toLowerCase(Locale.ROOT);
    if (status == null || !STATUS.matcher(status).matches()) {
      throw new InvalidFieldException("MessageStatus", "is required: a Twilio message status such as delivered");
    }
    String errorCode = form.getFirst("ErrorCode");
    if (errorCode != null && !errorCode.isBlank() && !ERROR_CODE.matcher(errorCode.strip()).matches()) {
      throw new InvalidFieldException("ErrorCode", "must be a number");
    }
    return new TwilioStatusCallback(TwilioInboundSms.sid(sid, "MessageSid"), status,
        errorCode == null || errorCode.isBlank() ? null : errorCode.strip());
  }

  /** The status's id as an event: one report per message and status. */
  String eventId() {
    return messageSid + ":" + messageStatus;
  }

  /** What the report means for the message log; empty for a status on the way (queued, sent…). */
  Optional<MessageStatus> outcome() {
    return switch (messageStatus) {
      case "delivered" -> Optional.of(MessageStatus.DELIVERED);
      case "undelivered" -> Optional.of(MessageStatus.UNDELIVERED);
      case "failed" -> Optional.of(MessageStatus.FAILED);
      default -> Optional.empty();
    };
  }
}

package io.crmflow.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.Instant;
import java.util.Arrays;

/**
 * The body of {@code POST /api/leads/{id}/replies}: the lead answered. Only how and when — the
 * reply's text stays in the mailbox, never in crmflow's variables.
 */
public record LeadReply(@NotNull Channel channel, @PastOrPresent Instant receivedAt) {

  public enum Channel {
    EMAIL, SMS, PHONE, OTHER;

    @JsonValue
    public String code() {
      return name().toLowerCase();
    }

    @JsonCreator
    public static Channel fromCode(String code) {
      return Arrays.stream(values()).filter(channel -> channel.code().equals(code)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("must be one of email, sms, phone, other"));
    }
  }

  Instant receivedAtOrNow() {
    return receivedAt == null ? Instant.now() : receivedAt;
  }
}

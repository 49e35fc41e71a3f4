package io.crmflow.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe links: the id of the message they came in plus an expiry, signed with HMAC-SHA256.
 * They name no address (nothing personal in URLs or access logs) and cannot be guessed or forged.
 * While the secret is rotated, links signed with the previous one verify too.
 */
@Component
public class UnsubscribeTokens {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SigningKeys keys;
  private final MessagingProperties properties;

  UnsubscribeTokens(MessagingProperties properties) {
    this.properties = properties;
    this.keys = new SigningKeys("unsubscribe", properties);
  }

  public String issue(String messageRowId) {
    return issue(messageRowId, Instant.now().plus(properties.unsubscribeLinkValidity()));
  }

  String issue(String messageRowId, Instant expiresAt) {
    byte[] id = messageRowId.getBytes(StandardCharsets.UTF_8);
    byte[] payload = ByteBuffer.allocate(Long.BYTES + id.length).putLong(expiresAt.getEpochSecond()).put(id).array();
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(keys.sign(payload));
  }

  /** The message row id, if the token is authentic and not expired. */
  public Optional<String> verify(String token) {
    try {
      int dot = token.indexOf('.');
      if (dot < 1 || token.length() > 300) {
        return Optional.empty();
      }
      byte[] payload = DECODER.decode(token.substring(0, dot));
      byte[] signature = DECODER.decode(token.substring(dot + 1));
      if (payload.length <= Long.BYTES || !keys.verifies(payload, signature)) {
        return Optional.empty();
      }
      ByteBuffer buffer = ByteBuffer.wrap(payload);
      if (Instant.ofEpochSecond(buffer.getLong()).isBefore(Instant.now())) {
        return Optional.empty();
      }
      byte[] id = new byte[buffer.remaining()];
      buffer.get(id);
      return Optional.of(new String(id, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }
}

package io.crmflow.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

  private final byte[] key;
  private final byte[] previousKey;
  private final MessagingProperties properties;

  UnsubscribeTokens(MessagingProperties properties) {
    this.properties = properties;
    this.key = key(properties.secret());
    this.previousKey = properties.previousSecret() == null || properties.previousSecret().isBlank() ? null
        : key(properties.previousSecret());
  }

  private static byte[] key(String secret) {
    return ("unsubscribe:" + secret).getBytes(StandardCharsets.UTF_8);
  }

  public String issue(String messageRowId) {
    return issue(messageRowId, Instant.now().plus(properties.unsubscribeLinkValidity()));
  }

  String issue(String messageRowId, Instant expiresAt) {
    byte[] id = messageRowId.getBytes(StandardCharsets.UTF_8);
    byte[] payload = ByteBuffer.allocate(Long.BYTES + id.length).putLong(expiresAt.getEpochSecond()).put(id).array();
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload, key));
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
      if (payload.length <= Long.BYTES || !(MessageDigest.isEqual(sign(payload, key), signature)
          || previousKey != null && MessageDigest.isEqual(sign(payload, previousKey), signature))) {
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

  private static byte[] sign(byte[] payload, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.crmflow.messaging;

import io.crmflow.shared.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA256 keys derived from {@code crmflow.messaging.secret} for one purpose (unsubscribe links, reply
 * addresses), so a signature made for one never verifies as the other. While the secret is rotated, a
 * signature made with the previous secret verifies too.
 */
final class SigningKeys {

  /** Bytes of an HMAC-SHA256. */
  static final int FULL_LENGTH = 32;

  private final byte[] key;
  private final byte[] previousKey;

  SigningKeys(String purpose, MessagingProperties properties) {
    this.key = key(purpose, properties.secret());
    this.previousKey = properties.previousSecret() == null || properties.previousSecret().isBlank() ? null
        : key(purpose, properties.previousSecret());
  }

  private static byte[] key(String purpose, String secret) {
    return (purpose + ":" + secret).getBytes(StandardCharsets.UTF_8);
  }

  /** The signature with the current secret. */
  byte[] sign(byte[] payload) {
    return sign(payload, key);
  }

  /** Whether {@code signature} is the payload's full signature, with the current or the previous secret. */
  boolean verifies(byte[] payload, byte[] signature) {
    return verifiesTruncated(payload, signature, FULL_LENGTH);
  }

  /**
   * Whether {@code signature} is the first {@code length} bytes of the payload's signature (no more, no
   * fewer), with the current or the previous secret.
   */
  boolean verifiesTruncated(byte[] payload, byte[] signature, int length) {
    return signature.length == length && (MessageDigest.isEqual(Arrays.copyOf(sign(payload, key), length), signature)
        || previousKey != null && MessageDigest.isEqual(Arrays.copyOf(sign(payload, previousKey), length), signature));
  }

  private static byte[] sign(byte[] payload, byte[] key) {
    return HmacSha256.of(key, payload);
  }

}

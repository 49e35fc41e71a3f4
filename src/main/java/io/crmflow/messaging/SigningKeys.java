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

  /** Set up once per purpose: every email's reply address is signed with it. */
  private final HmacSha256.Key key;
  private final HmacSha256.Key previousKey;

  SigningKeys(String purpose, MessagingProperties properties) {
    this.key = key(purpose, properties.secret());
    this.previousKey = properties.previousSecret() == null || properties.previousSecret().isBlank() ? null
        : key(purpose, properties.previousSecret());
  }

  private static HmacSha256.Key key(String purpose, String secret) {
    return HmacSha256.key((purpose + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The signature with the current secret. */
  byte[] sign(byte[] payload) {
    return key.sign(payload);
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
    return signature.length == length && (MessageDigest.isEqual(Arrays.copyOf(key.sign(payload), length), signature)
        || previousKey != null && MessageDigest.isEqual(Arrays.copyOf(previousKey.sign(payload), length), signature));
  }

}

package io.crmflow.webhook;

import io.crmflow.shared.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com): {@code v1,} and the base64 HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the secret's bytes (the base64 after
 * {@code whsec_}).
 */
final class WebhookSignature {

  static final String SECRET_PREFIX = "whsec_";

  private WebhookSignature() {
  }

  static String sign(byte[] key, String id, long timestamp, String body) {
    byte[] signature = HmacSha256.of(key, (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(signature);
  }


  /** The key of a {@code whsec_<base64>} secret. */
  static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret is 'whsec_' followed by base64");
    }
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
      if (key.length < 24) {
        throw new IllegalArgumentException("a webhook secret holds at least 24 random bytes");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is 'whsec_' followed by base64 of at least 24 bytes", e);
    }
  }
}

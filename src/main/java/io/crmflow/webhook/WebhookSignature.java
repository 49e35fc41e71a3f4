package io.crmflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
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

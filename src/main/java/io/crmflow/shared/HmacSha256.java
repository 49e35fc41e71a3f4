package io.crmflow.shared;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, as every signature crmflow makes or checks uses it (links, reply addresses, webhooks in and out). */
public final class HmacSha256 {

  private HmacSha256() {
  }

  public static byte[] of(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK; the key is not empty", e);
    }
  }
}

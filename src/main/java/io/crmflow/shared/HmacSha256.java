package io.crmflow.shared;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, as every signature crmflow makes or checks uses it (links, reply addresses, webhooks in and out). */
public final class HmacSha256 {

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSha256() {
  }

  public static byte[] of(byte[] key, byte[] payload) {
    return initialised(key).doFinal(payload);
  }

  /** A key signed with many times (every email's reply address): set up once, see {@link Key}. */
  public static Key key(byte[] key) {
    return new Key(initialised(key));
  }

  /**
   * A key whose {@link Mac} is looked up and initialised once; each signature works on a clone of it,
   * which copies the prepared state instead of finding the provider and hashing the key again. A Mac is
   * not thread-safe, its clones are independent: a Key may be shared.
   */
  public static final class Key {

    private final Mac prototype;

    private Key(Mac prototype) {
      this.prototype = prototype;
    }

    public byte[] sign(byte[] payload) {
      try {
        return ((Mac) prototype.clone()).doFinal(payload);
      } catch (CloneNotSupportedException providerWithoutClone) {
        // the JDK's provider clones; another one configured in its place may not: then one signature at a time
        synchronized (prototype) {
          return prototype.doFinal(payload);
        }
      }
    }
  }

  private static Mac initialised(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK; the key is not empty", e);
    }
  }
}

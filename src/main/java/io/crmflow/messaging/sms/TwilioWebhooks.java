package io.crmflow.messaging.sms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The webhooks a Twilio-compatible provider calls — where crmflow serves them (the inbound module) — and
 * the check that a call really is the provider's: {@code X-Twilio-Signature}, Twilio's documented
 * HMAC-SHA1 with the auth token ({@code crmflow.sms.auth-token}) over the full URL followed by each POST
 * parameter's name and value, sorted by name, base64.
 */
@Component
public class TwilioWebhooks {

  /** Twilio's "A message comes in" webhook of the sending number. */
  public static final String INBOUND_SMS_PATH = "/api/inbound/sms/twilio";
  /** Delivery reports: sent as {@code StatusCallback} with every SMS when {@code crmflow.public-url} is set. */
  public static final String STATUS_CALLBACK_PATH = INBOUND_SMS_PATH + "/status";
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  private static final String HMAC_SHA1 = "HmacSHA1";

  private final String authToken;

  TwilioWebhooks(SmsProperties properties) {
    this.authToken = properties.authToken() == null || properties.authToken().isBlank() ? null
        : properties.authToken();
    if (authToken == null) {
      log.info("crmflow.sms.auth-token is not set: every call of the Twilio webhooks is refused (403)");
    }
  }

  /**
   * @param url            the URL the provider called, as it knows it ({@code crmflow.public-url} + path + query)
   * @param formParameters the POST body's parameters (not those of the query string, which are in the URL)
   * @param signature      the {@code X-Twilio-Signature} header; null when missing
   * @return whether the provider signed exactly this request; always false without an auth token
   */
  public boolean isSigned(String url, Map<String, List<String>> formParameters, String signature) {
    if (authToken == null || signature == null || signature.isBlank()) {
      return false;
    }
    byte[] expected = signature(authToken, url, formParameters).getBytes(StandardCharsets.US_ASCII);
    // constant time: how much of a guess matched must not show in the answer's timing
    return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Twilio's algorithm; a parameter sent more than once (Twilio's own webhooks never do) counts once per
   * distinct value, values sorted, as in Twilio's Python helper library.
   */
  static String signature(String authToken, String url, Map<String, List<String>> formParameters) {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(formParameters).forEach((name, values) ->
        values.stream().distinct().sorted().forEach(value -> signed.append(name).append(value)));
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
      return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA1 is not available", e);
    }
  }
}

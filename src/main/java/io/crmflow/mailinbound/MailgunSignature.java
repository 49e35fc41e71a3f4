package io.crmflow.mailinbound;

import io.crmflow.inbound.InboundEvents;
import io.crmflow.shared.HmacSha256;
import io.crmflow.web.ApiException;
import io.crmflow.web.ApiProblems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mailgun signs every webhook request: {@code signature} = hex HMAC-SHA256 of {@code timestamp + token}, keyed with
 * the webhook signing key. A request whose signature does not verify, or whose timestamp is further from now than
 * {@code crmflow.inbound.email.mailgun.timestamp-tolerance} (a replay), is refused with 403 before anything is read
 * from it. The signature does not cover the body, so each token is accepted for one event only ({@link #claimToken}).
 */
@Component
class MailgunSignature {

  private static final Logger log = LoggerFactory.getLogger(MailgunSignature.class);

  /** The provider name of Mailgun's events in {@code crm_inbound_event}. */
  static final String PROVIDER = "mailgun";
  /** The used signature tokens, recorded as events of their own: one token signs one event. */
  private static final String TOKENS = "mailgun-token";
  private static final int MAX_TOKEN = 300;

  private final MailgunProperties properties;
  private final InboundEvents inboundEvents;

  MailgunSignature(MailgunProperties properties, InboundEvents inboundEvents) {
    this.properties = properties;
    this.inboundEvents = inboundEvents;
  }

  /** The three signature fields of a request, as Mailgun sends them. */
  record Fields(String timestamp, String token, String signature) {
  }

  /** @throws ApiException 403 unless Mailgun signed the request, recently */
  void verify(Fields fields) {
    if (!properties.hasSigningKey()) {
      throw refused("No Mailgun signing key is configured (crmflow.inbound.email.mailgun.signing-key)");
    }
    if (fields == null || blank(fields.timestamp()) || blank(fields.token()) || blank(fields.signature())) {
      throw refused("The request is not signed: timestamp, token and signature are required");
    }
    if (fields.token().length() > MAX_TOKEN) {
      throw refused("The token is longer than " + MAX_TOKEN + " characters");
    }
    if (!MessageDigest.isEqual(sign(fields.timestamp() + fields.token()),
        fields.signature().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw refused("The signature does not match");
    }
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(Long.parseLong(fields.timestamp().strip()));
    } catch (NumberFormatException notSeconds) {
      throw refused("The timestamp is not in seconds since 1970");
    }
    if (Duration.between(signedAt, Instant.now()).abs().compareTo(properties.timestampTolerance()) > 0) {
      throw refused("The timestamp is more than " + properties.timestampTolerance() + " from now");
    }
  }

  /**
   * Records the verified request's token, in the transaction that processes its event: a token seen with another
   * event is someone replaying a signature they saw with a body of their own (403). A repeat of the same event is
   * recognised by its id before this, so Mailgun delivering an event again is not refused.
   *
   * @throws ApiException 403 when the token signed another event before
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void claimToken(Fields fields) {
    if (!inboundEvents.claim(TOKENS, fields.token(), "signature-token")) {
      throw refused("The signature's token was used before: a replay");
    }
  }

  /** The hex signature Mailgun would send for this text, as ASCII bytes. */
  private byte[] sign(String text) {
    byte[] signature = HmacSha256.of(properties.signingKey().getBytes(StandardCharsets.UTF_8),
        text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(signature).getBytes(StandardCharsets.US_ASCII);
  }


  private static ApiException refused(String reason) {
    log.warn("Mailgun webhook request refused: {}", reason);
    return new ApiException(ApiProblems.problem(HttpStatus.FORBIDDEN, "invalid-signature", "Invalid signature",
        reason));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

package io.crmflow.messaging;

import io.crmflow.contact.EmailAddress;
import io.crmflow.web.UniqueInserts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Addresses that get no marketing message, ever again. Only a salted hash of each address is
 * kept, so the list outlives the erasure of the person's data without holding it.
 */
@Component
public class Suppressions {

  private final JdbcClient jdbc;
  private final byte[] salt;
  private final UniqueInserts uniqueInserts;

  Suppressions(JdbcClient jdbc, MessagingProperties properties, UniqueInserts uniqueInserts) {
    this.jdbc = jdbc;
    // its own key: rotating the signing secret must not un-suppress anyone
    this.salt = properties.suppressionSalt().getBytes(StandardCharsets.UTF_8);
    this.uniqueInserts = uniqueInserts;
  }

  public boolean isSuppressed(String address) {
    return jdbc.sql("select count(*) from crm_suppression where address_hash = :hash")
        .param("hash", hash(address)).query(Long.class).single() > 0;
  }

  public void suppress(String address, String reason) {
    if (isSuppressed(address)) {
      return;
    }
    // a concurrent unsubscribe of the same address may insert it first: the outcome is the same
    uniqueInserts.insertUnlessPresent(
        "insert into crm_suppression (address_hash, reason, created_at) values (:hash, :reason, :now)",
        Map.of("hash", hash(address), "reason", reason, "now", Timestamp.from(Instant.now())));
  }

  String hash(String address) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      sha256.update((byte) 0);
      return HexFormat.of().formatHex(sha256.digest(EmailAddress.normalize(address).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

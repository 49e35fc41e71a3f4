package io.crmflow.quote;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time coupon codes for accepted quotes: 20 characters of RFC 4648 base32 (100 random bits
 * from SecureRandom), at most one per quote (uk_crm_coupon_quote), so a retried step finds the
 * coupon it already issued instead of making a second.
 */
@Component
class Coupons {

  static final int CODE_LENGTH = 20;
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  Coupons(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Coupon(String code, String quoteId, Instant expiresAt, Instant redeemedAt) {
  }

  /** The quote's coupon, issued now if it has none yet. */
  Coupon issueFor(String quoteId, Instant expiresAt) {
    return forQuote(quoteId).orElseGet(() -> {
      String code = newCode();
      jdbc.sql("""
              insert into crm_coupon (code, quote_id, expires_at, created_at)
              values (:code, :quoteId, :expiresAt, :now)
              """)
          .param("code", code).param("quoteId", quoteId).param("expiresAt", Timestamp.from(expiresAt))
          .param("now", Timestamp.from(Instant.now()))
          .update();
      return new Coupon(code, quoteId, expiresAt, null);
    });
  }

  Optional<Coupon> forQuote(String quoteId) {
    return jdbc.sql("select * from crm_coupon where quote_id = :quoteId").param("quoteId", quoteId)
        .query((rs, row) -> new Coupon(rs.getString("code"), rs.getString("quote_id"),
            rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("redeemed_at") == null ? null : rs.getTimestamp("redeemed_at").toInstant()))
        .optional();
  }

  long countFor(String quoteId) {
    return jdbc.sql("select count(*) from crm_coupon where quote_id = :quoteId").param("quoteId", quoteId)
        .query(Long.class).single();
  }

  String newCode() {
    char[] code = new char[CODE_LENGTH];
    for (int i = 0; i < CODE_LENGTH; i++) {
      code[i] = BASE32[random.nextInt(BASE32.length)];
    }
    return new String(code);
  }
}

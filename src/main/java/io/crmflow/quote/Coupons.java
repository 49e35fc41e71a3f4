package io.crmflow.quote;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** A coupon: what it takes off, until when, and whether (and by whom) it was redeemed. */
  record Coupon(String code, String quoteId, BigDecimal discountPercent, Instant expiresAt, Instant redeemedAt,
                String redeemedBy) {
  }

  /** The quote's coupon, issued now if it has none yet. */
  Coupon issueFor(String quoteId, BigDecimal discountPercent, Instant expiresAt) {
    return forQuote(quoteId).orElseGet(() -> {
      String code = newCode();
      jdbc.sql("""
              insert into crm_coupon (code, quote_id, discount_percent, expires_at, created_at)
              values (:code, :quoteId, :discountPercent, :expiresAt, :now)
              """)
          .param("code", code).param("quoteId", quoteId).param("discountPercent", discountPercent)
          .param("expiresAt", Timestamp.from(expiresAt)).param("now", Timestamp.from(Instant.now()))
          .update();
      return new Coupon(code, quoteId, discountPercent, expiresAt, null, null);
    });
  }

  Optional<Coupon> forQuote(String quoteId) {
    return jdbc.sql("select * from crm_coupon where quote_id = :quoteId").param("quoteId", quoteId)
        .query(this::map).optional();
  }

  Optional<Coupon> find(String code) {
    return jdbc.sql("select * from crm_coupon where code = :code").param("code", code).query(this::map).optional();
  }

  /**
   * Redeems the coupon if it is unused and unexpired: one conditional update, so of two racing
   * redemptions exactly one wins.
   */
  boolean redeem(String code, String redeemedBy, Instant now) {
    return jdbc.sql("""
            update crm_coupon set redeemed_at = :now, redeemed_by = :by
            where code = :code and redeemed_at is null and expires_at > :now
            """)
        .param("code", code).param("by", redeemedBy).param("now", Timestamp.from(now)).update() == 1;
  }

  private Coupon map(ResultSet rs, int row) throws SQLException {
    Timestamp redeemedAt = rs.getTimestamp("redeemed_at");
    return new Coupon(rs.getString("code"), rs.getString("quote_id"), rs.getBigDecimal("discount_percent"),
        rs.getTimestamp("expires_at").toInstant(), redeemedAt == null ? null : redeemedAt.toInstant(),
        rs.getString("redeemed_by"));
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

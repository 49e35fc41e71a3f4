package io.crmflow.quote;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * crmflow.quotes.*: how long a sent quote stays open and its coupon redeemable. "Mark quote sent"
 * stores the expiry on the quote and in variable validUntil, which the "Quote expired" timer waits for.
 */
@Component("quoteSettings")
@ConfigurationProperties("crmflow.quotes")
public class QuoteSettings {

  /** How long a customer may accept a sent quote that does not name its own validity. */
  private Duration validity = Duration.ofDays(14);

  /** How long a coupon issued for an accepted quote can be redeemed. */
  private Duration couponValidity = Duration.ofDays(90);

  /** What a coupon issued for an accepted quote takes off the next order, in percent. */
  private BigDecimal couponDiscountPercent = BigDecimal.valueOf(5);

  public BigDecimal getCouponDiscountPercent() {
    return couponDiscountPercent;
  }

  public void setCouponDiscountPercent(BigDecimal couponDiscountPercent) {
    this.couponDiscountPercent = couponDiscountPercent;
  }

  public Duration getValidity() {
    return validity;
  }

  public void setValidity(Duration validity) {
    this.validity = validity;
  }

  public Duration getCouponValidity() {
    return couponValidity;
  }

  public void setCouponValidity(Duration couponValidity) {
    this.couponValidity = couponValidity;
  }

  /** The validity of a quote: its own days when given, else crmflow.quotes.validity. */
  public Duration validity(Integer validityDays) {
    return validityDays == null ? validity : Duration.ofDays(validityDays);
  }

  Instant validUntil(Instant sentAt, Integer validityDays) {
    return sentAt.plus(validity(validityDays));
  }
}

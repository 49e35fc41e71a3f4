package io.crmflow.supportcase;

import java.math.BigDecimal;

/**
 * Pays refunds out. A request carries an idempotency key that stays the same for every retry of
 * the same refund, so the gateway pays it at most once however often crmflow asks.
 */
public interface PaymentGateway {

  /**
   * @return the gateway's reference of the (possibly earlier) refund
   * @throws PaymentGatewayException.Permanent when the gateway refuses the refund for good (4xx): do not retry
   * @throws PaymentGatewayException.Temporary when it is unreachable, too slow or failing (5xx): retry later
   */
  RefundReceipt refund(RefundRequest request);

  /**
   * @param idempotencyKey the same for every attempt of one refund
   * @param reference      crmflow's reference the gateway shows (the case number)
   * @param orderReference the order refunded, when the customer named one
   */
  record RefundRequest(String idempotencyKey, String reference, String orderReference, BigDecimal amount,
                       String currency) {
  }

  record RefundReceipt(String refundId) {
  }
}

package io.crmflow.supportcase;

/** A refund the payment gateway did not pay. */
public abstract sealed class PaymentGatewayException extends RuntimeException {

  PaymentGatewayException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Refused for good (invalid amount, unknown order…): retrying would fail the same way. */
  public static final class Permanent extends PaymentGatewayException {
    public Permanent(String message) {
      super(message, null);
    }
  }

  /** Unreachable, too slow or failing on its side: the job retries, then becomes an incident. */
  public static final class Temporary extends PaymentGatewayException {
    public Temporary(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

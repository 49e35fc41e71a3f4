package io.crmflow.supportcase;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.payment-gateway.*: where refunds are paid.
 *
 * @param baseUrl        the gateway's API root; refunds go to {@code POST <baseUrl>/refunds}
 * @param apiKey         secret, sent as a bearer token; only from the environment
 *                       ({@code CRMFLOW_PAYMENT_GATEWAY_API_KEY}), never in a file, never logged
 * @param currency       ISO 4217 currency of refund amounts
 * @param connectTimeout and {@code readTimeout}: well below the job lock time (5 min), so a hanging
 *                       gateway fails the job instead of blocking a job thread
 */
@ConfigurationProperties("crmflow.payment-gateway")
public record PaymentGatewayProperties(
    String baseUrl,
    String apiKey,
    @DefaultValue("EUR") String currency,
    @DefaultValue("3s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  /** Without the key, which would otherwise show up in logs, actuator output and failure reports. */
  @Override
  public String toString() {
    return "PaymentGatewayProperties[baseUrl=" + baseUrl + ", apiKey="
        + (apiKey == null || apiKey.isEmpty() ? "<unset>" : "******") + ", currency=" + currency
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
  }
}

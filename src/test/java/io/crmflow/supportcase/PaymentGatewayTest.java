package io.crmflow.supportcase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP payment gateway against WireMock: request shape, timeouts and how each answer is classified. */
class PaymentGatewayTest {

  private static final String KEY = "sk_test_0123456789";
  private static final PaymentGateway.RefundRequest REFUND = new PaymentGateway.RefundRequest(
      "case-42-refund", "CASE-000042", "ORD-7", new BigDecimal("99.90"), "EUR");

  @RegisterExtension
  static WireMockExtension gateway = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .build();

  @Test
  void postsTheRefundAsJsonWithBearerKeyAndIdempotencyKey() {
    stub(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"re_42\",\"status\":\"succeeded\"}"));

    PaymentGateway.RefundReceipt receipt = gateway(gateway.baseUrl(), Duration.ofSeconds(5)).refund(REFUND);

    assertThat(receipt.refundId()).isEqualTo("re_42");
    gateway.verify(exactly(1), postRequestedFor(urlPathEqualTo("/refunds"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .withHeader("Idempotency-Key", equalTo("case-42-refund"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"reference": "CASE-000042", "orderReference": "ORD-7", "amount": "99.90", "currency": "EUR"}""")));
  }

  @Test
  void toleratesATrailingSlashInTheBaseUrl() {
    stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"re_1\"}"));

    assertThat(gateway(gateway.baseUrl() + "/", Duration.ofSeconds(5)).refund(REFUND).refundId()).isEqualTo("re_1");
  }

  @ParameterizedTest(name = "HTTP {0} is temporary")
  @ValueSource(ints = {500, 502, 503, 504, 429, 409, 408})
  void serverErrorsThrottlingAndInFlightDuplicatesAreTemporary(int status) {
    stub(aResponse().withStatus(status).withHeader("Retry-After", "30"));

    assertThatThrownBy(() -> gateway(gateway.baseUrl(), Duration.ofSeconds(5)).refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Temporary.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("Retry-After: 30")
        .hasMessageNotContaining(KEY);
  }

  @ParameterizedTest(name = "HTTP {0} is permanent")
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsArePermanent(int status) {
    stub(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"order_not_refundable\",\"message\":\"Order ORD-7 is already refunded\"}}"));

    assertThatThrownBy(() -> gateway(gateway.baseUrl(), Duration.ofSeconds(5)).refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Permanent.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("order_not_refundable: Order ORD-7 is already refunded")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aSuccessWithoutRefundIdIsPermanentNotRetried() {
    stub(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Welcome</html>"));

    assertThatThrownBy(() -> gateway(gateway.baseUrl(), Duration.ofSeconds(5)).refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Permanent.class)
        .hasMessageContaining("without a refund id");
  }

  @Test
  void aSlowGatewayHitsTheReadTimeoutAndIsTemporary() {
    stub(aResponse().withStatus(201).withFixedDelay(3000).withBody("{\"id\":\"re_late\"}"));
    PaymentGateway slowGateway = gateway(gateway.baseUrl(), Duration.ofMillis(300));

    long started = System.nanoTime();
    assertThatThrownBy(() -> slowGateway.refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Temporary.class)
        .hasMessageContaining("unreachable or too slow");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void anUnreachableGatewayIsTemporary() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> gateway("http://127.0.0.1:" + closedPort, Duration.ofSeconds(1)).refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Temporary.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void withoutBaseUrlEveryRefundWaitsAsATemporaryFailure() {
    PaymentGateway unconfigured = new HttpPaymentGateway(
        new PaymentGatewayProperties(" ", KEY, "EUR", Duration.ofSeconds(1), Duration.ofSeconds(1)));

    assertThatThrownBy(() -> unconfigured.refund(REFUND))
        .isInstanceOf(PaymentGatewayException.Temporary.class)
        .hasMessageContaining("crmflow.payment-gateway.base-url is not set");
  }

  @Test
  void neverShowsTheApiKeyInItsSettings() {
    PaymentGatewayProperties properties = new PaymentGatewayProperties("https://pay.example", KEY, "EUR",
        Duration.ofSeconds(3), Duration.ofSeconds(10));

    assertThat(properties.toString()).doesNotContain(KEY).contains("apiKey=******");
  }

  private static void stub(ResponseDefinitionBuilder response) {
    gateway.stubFor(post(urlPathEqualTo("/refunds")).willReturn(response));
  }

  private static PaymentGateway gateway(String baseUrl, Duration readTimeout) {
    return new HttpPaymentGateway(new PaymentGatewayProperties(baseUrl, KEY, "EUR", Duration.ofSeconds(1), readTimeout));
  }
}

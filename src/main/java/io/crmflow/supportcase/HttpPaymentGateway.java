package io.crmflow.supportcase;

import static io.crmflow.web.ProviderAnswers.readJson;
import static io.crmflow.web.ProviderAnswers.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * A payment gateway with a JSON REST API: {@code POST /refunds} with {@code Idempotency-Key} and a
 * bearer token, answering {@code {"id": "…"}}. Every call is bounded by connect and read timeouts.
 */
class HttpPaymentGateway implements PaymentGateway {

  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(HttpPaymentGateway.class);

  private final RestClient client;
  private final boolean configured;

  HttpPaymentGateway(PaymentGatewayProperties properties) {
    this(properties, RestClient.builder());
  }

  /** @param builder Spring Boot's builder in the app, so HTTP client metrics and tracing apply */
  HttpPaymentGateway(PaymentGatewayProperties properties, RestClient.Builder builder) {
    this.configured = properties.baseUrl() != null && !properties.baseUrl().isBlank();
    HttpClient httpClient = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        // no h2c upgrade dance with a request body: some servers reset such streams
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
    requestFactory.setReadTimeout(properties.readTimeout());
    RestClient.Builder configuredBuilder = builder.clone().requestFactory(requestFactory);
    if (configured) {
      configuredBuilder.baseUrl(properties.baseUrl().replaceAll("/+$", ""));
    }
    if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
      configuredBuilder.defaultHeaders(headers -> headers.setBearerAuth(properties.apiKey()));
    }
    this.client = configuredBuilder.build();
  }

  @Override
  public RefundReceipt refund(RefundRequest request) {
    if (!configured) {
      // an incident an operator fixes by configuring the gateway; then the job is retried
      throw new PaymentGatewayException.Temporary("Refund " + request.idempotencyKey()
          + " not paid: crmflow.payment-gateway.base-url is not set", null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reference", request.reference());
    if (request.orderReference() != null) {
      body.put("orderReference", request.orderReference());
    }
    body.put("amount", request.amount().toPlainString());
    body.put("currency", request.currency());
    try {
      return client.post()
          .uri("/refunds")
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(IDEMPOTENCY_HEADER, request.idempotencyKey())
          .body(body)
          .exchange((httpRequest, response) -> receipt(request, response));
    } catch (ResourceAccessException e) {
      // connect failure, connect or read timeout: the refund may or may not have been paid; the
      // retry carries the same idempotency key, so the gateway pays it at most once
      throw new PaymentGatewayException.Temporary("Refund " + request.idempotencyKey()
          + ": payment gateway unreachable or too slow (" + ioProblem(e) + ")", e);
    }
  }

  private static RefundReceipt receipt(RefundRequest request, ClientHttpResponse response) throws IOException {
    HttpStatusCode status = response.getStatusCode();
    JsonNode answer = readJson(response);
    if (status.is2xxSuccessful()) {
      String id = text(answer, "id");
      if (id == null) {
        // not retried: the gateway may well have paid; most likely base-url points at something else
        throw new PaymentGatewayException.Permanent("Refund " + request.idempotencyKey() + ": gateway answered "
            + status.value() + " without a refund id; check crmflow.payment-gateway.base-url");
      }
      log.info("Refund {} paid by the payment gateway (refund {})", request.idempotencyKey(), id);
      return new RefundReceipt(id);
    }
    String detail = describe(status, answer);
    if (isTemporary(status)) {
      String retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
      throw new PaymentGatewayException.Temporary("Refund " + request.idempotencyKey() + " not paid, gateway answered "
          + detail + (retryAfter != null ? " (Retry-After: " + retryAfter + ")" : ""), null);
    }
    throw new PaymentGatewayException.Permanent("Refund " + request.idempotencyKey() + " refused by the payment gateway: "
        + detail);
  }

  /** 5xx, throttling, a timeout on its side, or the same key still in progress there (409). */
  private static boolean isTemporary(HttpStatusCode status) {
    int code = status.value();
    return status.is5xxServerError() || code == HttpStatus.TOO_MANY_REQUESTS.value()
        || code == HttpStatus.REQUEST_TIMEOUT.value() || code == HttpStatus.CONFLICT.value()
        || !status.is4xxClientError();
  }

  /** "HTTP 422 Unprocessable Entity, amount_too_large: …" as far as the gateway says. */
  private static String describe(HttpStatusCode status, JsonNode answer) {
    StringBuilder detail = new StringBuilder("HTTP ").append(status.value());
    HttpStatus known = HttpStatus.resolve(status.value());
    if (known != null) {
      detail.append(' ').append(known.getReasonPhrase());
    }
    JsonNode error = answer != null && answer.has("error") && answer.get("error").isObject() ? answer.get("error") : answer;
    String code = text(error, "code");
    String message = text(error, "message");
    if (code != null) {
      detail.append(", ").append(code);
    }
    if (message != null) {
      detail.append(": ").append(message.length() > 300 ? message.substring(0, 300) + "…" : message);
    }
    return detail.toString();
  }

  private static String ioProblem(ResourceAccessException e) {
    Throwable io = e.getCause() != null ? e.getCause() : e;
    return io.getClass().getSimpleName() + (io.getMessage() != null ? ": " + io.getMessage() : "");
  }
}

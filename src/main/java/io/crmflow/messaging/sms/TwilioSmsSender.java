package io.crmflow.messaging.sms;

import static io.crmflow.web.ProviderAnswers.readJson;
import static io.crmflow.web.ProviderAnswers.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends through a Twilio-compatible REST API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded,
 * HTTP Basic with account sid and auth token.
 */
class TwilioSmsSender implements SmsSender {

  /** Twilio drops a request whose token it has seen in the last 24 h, so a retried job never sends twice. */
  static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);
  /** Phone-number-like runs: Twilio echoes the rejected number in its error text ("The 'To' number +1… is…"). */
  private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");

  private final RestClient client;
  private final String accountSid;
  private final String from;
  private final String statusCallback;

  TwilioSmsSender(SmsProperties properties) {
    this(properties, RestClient.builder(), null);
  }

  /**
   * @param builder        Spring Boot's builder in the app, so HTTP client metrics and tracing apply
   * @param statusCallback where the provider reports each message's delivery ({@code StatusCallback}); null:
   *                       nowhere (crmflow's public URL is unknown)
   */
  TwilioSmsSender(SmsProperties properties, RestClient.Builder builder, String statusCallback) {
    this.accountSid = properties.accountSid();
    this.from = properties.from();
    this.statusCallback = statusCallback;
    HttpClient httpClient = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .build();
    JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
    requestFactory.setReadTimeout(properties.readTimeout());
    this.client = builder
        .requestFactory(requestFactory)
        .baseUrl(properties.baseUrl().toString())
        .defaultHeaders(headers -> headers.setBasicAuth(properties.accountSid(), properties.authToken(),
            StandardCharsets.UTF_8))
        .build();
  }

  @Override
  public SmsReceipt send(SmsMessage message) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("To", message.to());
    form.add("From", from);
    form.add("Body", message.body());
    if (statusCallback != null) {
      form.add("StatusCallback", statusCallback);
    }
    try {
      return client.post()
          .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", accountSid)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON)
          .header(IDEMPOTENCY_HEADER, message.idempotencyKey())
          .body(form)
          .exchange((request, response) -> receipt(message.idempotencyKey(), response));
    } catch (ResourceAccessException e) {
      // connect failure, connect or read timeout: the provider may be back soon
      throw new SmsTemporaryFailure("SMS " + message.idempotencyKey()
          + " not sent: SMS provider unreachable or too slow (" + ioProblem(e) + ")", e);
    }
  }

  /** "ConnectException", "HttpTimeoutException: request timed out": the I/O exception, not its inner details. */
  private static String ioProblem(ResourceAccessException e) {
    Throwable io = e.getCause() != null ? e.getCause() : e;
    return io.getClass().getSimpleName() + (io.getMessage() != null ? ": " + io.getMessage() : "");
  }

  private static SmsReceipt receipt(String idempotencyKey, ClientHttpResponse response) throws IOException {
    HttpStatusCode status = response.getStatusCode();
    JsonNode answer = readJson(response);
    if (status.is2xxSuccessful()) {
      String sid = text(answer, "sid");
      if (sid == null) {
        // not retried: the provider may well have sent it; most likely base-url points at something else
        throw new SmsPermanentFailure("SMS " + idempotencyKey + ": provider answered " + status.value()
            + " without a message sid; check crmflow.sms.base-url");
      }
      log.info("Sent SMS {} via provider (sid {})", idempotencyKey, sid);
      return new SmsReceipt(sid);
    }
    String detail = describe(status, answer);
    if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value() || status.is5xxServerError()) {
      String retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
      throw new SmsTemporaryFailure("SMS " + idempotencyKey + " not sent, provider answered " + detail
          + (retryAfter != null ? " (Retry-After: " + retryAfter + ")" : ""));
    }
    throw new SmsPermanentFailure("SMS " + idempotencyKey + " rejected by provider: " + detail);
  }

  /** "HTTP 400 Bad Request, error 21211: Invalid 'To' Phone Number (https://…/21211)" as far as known. */
  private static String describe(HttpStatusCode status, JsonNode answer) {
    StringBuilder detail = new StringBuilder("HTTP ").append(status.value());
    HttpStatus known = HttpStatus.resolve(status.value());
    if (known != null) {
      detail.append(' ').append(known.getReasonPhrase());
    }
    String code = text(answer, "code");
    String message = text(answer, "message");
    if (code != null || message != null) {
      detail.append(", error");
      if (code != null) {
        detail.append(' ').append(code);
      }
      if (message != null) {
        detail.append(": ").append(NUMBER_LIKE.matcher(message).replaceAll("[number]"));
      }
    }
    String moreInfo = text(answer, "more_info");
    if (moreInfo != null) {
      detail.append(" (").append(moreInfo).append(')');
    }
    return detail.toString();
  }
}

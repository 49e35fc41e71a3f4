package io.crmflow.messaging.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.crmflow.web.PublicUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;

class TwilioSmsSenderTest {

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "s3cr3t-token";
  private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final SmsMessage MESSAGE =
      new SmsMessage("+49301234567", "Hello Ada, welcome to crmflow!", "lead-42-welcome");

  @RegisterExtension
  static WireMockExtension provider = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .build();

  @Test
  void postsTheMessageFormEncodedWithBasicAuthAndIdempotencyToken() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(created("{\"sid\":\"SM0001\",\"status\":\"queued\"}")));

    SmsReceipt receipt = sender(Duration.ofSeconds(5)).send(MESSAGE);

    assertThat(receipt).isEqualTo(new SmsReceipt("SM0001"));
    String basic = Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    provider.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withHeader("Authorization", equalTo("Basic " + basic))
        .withHeader("I-Twilio-Idempotency-Token", equalTo("lead-42-welcome"))
        .withFormParam("To", equalTo("+49301234567"))
        .withFormParam("From", equalTo("+15005550006"))
        .withFormParam("Body", equalTo("Hello Ada, welcome to crmflow!")));
  }

  @Test
  void asksForDeliveryReportsAtThePublicUrlWhenOneIsSet() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("{\"sid\":\"SM0003\"}")));
    SmsConfiguration configuration = new SmsConfiguration();
    SmsProperties properties = properties(URI.create(provider.baseUrl()), Duration.ofSeconds(5));

    configuration.smsSender(properties, RestClient.builder(), new PublicUrl("https://crm.example.com/"),
        new MockEnvironment().withProperty("crmflow.public-url", "https://crm.example.com/")).send(MESSAGE);
    configuration.smsSender(properties, RestClient.builder(), new PublicUrl("http://localhost:8080"),
        new MockEnvironment()).send(MESSAGE);

    provider.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("StatusCallback", equalTo("https://crm.example.com/api/inbound/sms/twilio/status")));
    provider.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withRequestBody(notContaining("StatusCallback")));
  }

  @Test
  void throttlingIsTemporaryAndTheRetrySucceeds() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("throttled")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
            .withHeader("Content-Type", "application/json")
            .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
        .willSetStateTo("calm"));
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("throttled")
        .whenScenarioStateIs("calm")
        .willReturn(created("{\"sid\":\"SM0002\"}")));
    TwilioSmsSender sender = sender(Duration.ofSeconds(5));

    assertThatThrownBy(() -> sender.send(MESSAGE))
        .isInstanceOf(SmsTemporaryFailure.class)
        .hasMessageContaining("429")
        .hasMessageContaining("Retry-After: 2");
    assertThat(sender.send(MESSAGE).providerMessageId()).isEqualTo("SM0002");
    provider.verify(exactly(2), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withHeader("I-Twilio-Idempotency-Token", equalTo("lead-42-welcome")));
  }

  @Test
  void serverErrorIsTemporary() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

    assertThatThrownBy(() -> sender(Duration.ofSeconds(5)).send(MESSAGE))
        .isInstanceOf(SmsTemporaryFailure.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void rejectionIsPermanentAndNamesTheProviderError() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));

    assertThatThrownBy(() -> sender(Duration.ofSeconds(5)).send(MESSAGE))
        .isInstanceOf(SmsPermanentFailure.class)
        .hasMessageContaining("lead-42-welcome")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("21211")
        .hasMessageContaining("Invalid 'To' Phone Number");
  }

  @Test
  void rejectionMessageDoesNotRepeatThePhoneNumber() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":21614,\"message\":\"'To' number +49 30 1234567 is not a mobile number\"}")));

    assertThatThrownBy(() -> sender(Duration.ofSeconds(5)).send(MESSAGE))
        .isInstanceOf(SmsPermanentFailure.class)
        .hasMessageContaining("21614")
        .hasMessageContaining("is not a mobile number")
        .hasMessageNotContaining("1234567");
  }

  @Test
  void badCredentialsArePermanent() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> sender(Duration.ofSeconds(5)).send(MESSAGE))
        .isInstanceOf(SmsPermanentFailure.class)
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void successWithoutSidIsReportedAndNotRetried() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(aResponse().withStatus(200).withBody("<html>a captive portal</html>")));

    assertThatThrownBy(() -> sender(Duration.ofSeconds(5)).send(MESSAGE))
        .isInstanceOf(SmsPermanentFailure.class)
        .hasMessageContaining("base-url");
  }

  @Test
  void slowProviderTimesOutAsTemporaryFailure() {
    provider.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
        .willReturn(created("{\"sid\":\"SM0003\"}").withFixedDelay(300)));
    TwilioSmsSender sender = sender(Duration.ofMillis(100));

    long start = System.nanoTime();
    assertThatThrownBy(() -> sender.send(MESSAGE)).isInstanceOf(SmsTemporaryFailure.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void unreachableProviderIsTemporaryFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TwilioSmsSender sender = new TwilioSmsSender(properties(URI.create("http://localhost:" + closedPort),
        Duration.ofSeconds(5)));

    assertThatThrownBy(() -> sender.send(MESSAGE))
        .isInstanceOf(SmsTemporaryFailure.class)
        .hasMessageContaining("unreachable")
        .hasMessageNotContaining(TOKEN);
  }

  private static ResponseDefinitionBuilder created(String json) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
  }

  private static TwilioSmsSender sender(Duration readTimeout) {
    return new TwilioSmsSender(properties(URI.create(provider.baseUrl()), readTimeout));
  }

  private static SmsProperties properties(URI baseUrl, Duration readTimeout) {
    return new SmsProperties("twilio", baseUrl, ACCOUNT, TOKEN, "+15005550006", Duration.ofSeconds(1), readTimeout);
  }
}

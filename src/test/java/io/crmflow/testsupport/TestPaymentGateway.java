package io.crmflow.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One WireMock server standing in for the payment gateway, for the whole test JVM: started on a
 * free port before any Spring context exists and named in {@code crmflow.payment-gateway.base-url},
 * so every context of the suite (process and HTTP tests) pays its refunds there. Tests stub and
 * verify through {@link #server()} and reset it between tests.
 */
public class TestPaymentGateway implements LauncherSessionListener {

  /** The API key the test contexts send; never a real one. */
  public static final String API_KEY = "test-payment-gateway-key";

  private static WireMockServer server;

  public static synchronized WireMockServer server() {
    if (server == null) {
      throw new IllegalStateException("TestPaymentGateway was not started by the JUnit launcher");
    }
    return server;
  }

  @Override
  public synchronized void launcherSessionOpened(LauncherSession session) {
    // a base url set from outside (a real sandbox gateway) wins
    if (System.getProperty("crmflow.payment-gateway.base-url") != null) {
      return;
    }
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    System.setProperty("crmflow.payment-gateway.base-url", "http://127.0.0.1:" + server.port());
    System.setProperty("crmflow.payment-gateway.api-key", API_KEY);
  }

  @Override
  public synchronized void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}

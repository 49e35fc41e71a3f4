package io.crmflow.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the shared test SMTP server runs before a test class talks to the app. */
class TestSmtpExtension implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    TestSmtp.server();
  }
}

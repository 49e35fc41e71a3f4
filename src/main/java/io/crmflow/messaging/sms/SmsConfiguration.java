package io.crmflow.messaging.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.crmflow.web.PublicUrl;
import org.springframework.web.client.RestClient;

/** Picks the {@link SmsSender} named by {@code crmflow.sms.provider}. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);
  private static final String PUBLIC_URL = "crmflow.public-url";

  @Bean
  SmsSender smsSender(SmsProperties properties, RestClient.Builder restClientBuilder, PublicUrl publicUrl,
      Environment environment) {
    String provider = properties.provider() == null ? "" : properties.provider().trim().toLowerCase(Locale.ROOT);
    return switch (provider) {
      case "twilio" -> {
        requireTwilioSettings(properties);
        String statusCallback = statusCallback(publicUrl, environment);
        log.info("SMS go out through {} (account {}); delivery reports to {}", properties.baseUrl(),
            properties.accountSid(), statusCallback == null ? "nowhere (crmflow.public-url not set)" : statusCallback);
        yield new TwilioSmsSender(properties, restClientBuilder, statusCallback);
      }
      case "log" -> {
        log.info("SMS are not sent: development SMS sender (crmflow.sms.provider=log)");
        yield new LoggingSmsSender();
      }
      // a typo must not quietly turn production SMS off
      default -> throw new IllegalStateException(
          "crmflow.sms.provider must be 'log' or 'twilio', not '" + properties.provider() + "'");
    };
  }

  /**
   * The delivery-report webhook, only where the provider can reach it: the default public URL (localhost)
   * is not crmflow's address for the outside world.
   */
  private static String statusCallback(PublicUrl publicUrl, Environment environment) {
    return environment.containsProperty(PUBLIC_URL) ? publicUrl.link(TwilioWebhooks.STATUS_CALLBACK_PATH) : null;
  }

  /** Fails at start-up rather than with the first message hours later. */
  private static void requireTwilioSettings(SmsProperties properties) {
    List<String> missing = new ArrayList<>();
    if (isBlank(properties.accountSid())) {
      missing.add("crmflow.sms.account-sid");
    }
    if (isBlank(properties.authToken())) {
      missing.add("crmflow.sms.auth-token (environment CRMFLOW_SMS_AUTH_TOKEN)");
    }
    if (isBlank(properties.from())) {
      missing.add("crmflow.sms.from");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("crmflow.sms.provider=twilio needs " + String.join(", ", missing));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

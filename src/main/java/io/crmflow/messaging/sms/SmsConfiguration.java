package io.crmflow.messaging.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** Picks the {@link SmsSender} named by {@code crmflow.sms.provider}. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  SmsSender smsSender(SmsProperties properties, RestClient.Builder restClientBuilder) {
    String provider = properties.provider() == null ? "" : properties.provider().trim().toLowerCase(Locale.ROOT);
    return switch (provider) {
      case "twilio" -> {
        requireTwilioSettings(properties);
        log.info("SMS go out through {} (account {})", properties.baseUrl(), properties.accountSid());
        yield new TwilioSmsSender(properties, restClientBuilder);
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

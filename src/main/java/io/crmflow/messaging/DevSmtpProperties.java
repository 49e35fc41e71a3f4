package io.crmflow.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * crmflow.dev-smtp.*: the in-process SMTP server of {@code ./mvnw spring-boot:run} ({@link DevSmtpServer}).
 *
 * @param enabled start it (the dev profile does)
 * @param port    the port it listens on, on 127.0.0.1
 */
@ConfigurationProperties("crmflow.dev-smtp")
public record DevSmtpProperties(boolean enabled, @DefaultValue("3025") int port) {
}

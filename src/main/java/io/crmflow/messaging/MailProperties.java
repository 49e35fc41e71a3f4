package io.crmflow.messaging;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** crmflow.mail.*: the sender of every message (SMTP itself is configured with spring.mail.*). */
@Validated
@ConfigurationProperties("crmflow.mail")
public record MailProperties(@NotBlank String from) {
}

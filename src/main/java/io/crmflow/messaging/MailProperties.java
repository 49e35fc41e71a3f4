package io.crmflow.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.mail.*: the sender of every message and how SMTP connections are reused (SMTP itself —
 * host, port, credentials, timeouts — is configured with spring.mail.*).
 */
@Validated
@ConfigurationProperties("crmflow.mail")
public record MailProperties(@NotBlank String from, @Valid @DefaultValue ConnectionPool connectionPool) {

  /**
   * Connected SMTP transports kept for the next send: at most {@code maxIdle} (0 = a new connection
   * per message), each closed after {@code idleTimeout} without use.
   */
  public record ConnectionPool(@Min(0) @DefaultValue("4") int maxIdle,
                               @NotNull @DefaultValue("30s") Duration idleTimeout) {
  }
}

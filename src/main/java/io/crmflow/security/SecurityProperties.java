package io.crmflow.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.security.*
 *
 * @param adminPassword password of the {@code admin} user; from CRMFLOW_ADMIN_PASSWORD. Without it
 *                      (outside the dev profile) the app refuses to start rather than run with a default.
 * @param demoUsers     create the demo users (password = user id); only the dev profile sets it
 * @param failedLoginsPerMinute failed logins one client address may make in a minute before it gets 429
 *                      for the rest of that minute (every account: guessing cannot lock anyone out)
 */
@Validated
@ConfigurationProperties("crmflow.security")
public record SecurityProperties(
    @NotBlank(message = "must be set: export CRMFLOW_ADMIN_PASSWORD (only the dev profile has a default)")
    String adminPassword,
    boolean demoUsers,
    @DefaultValue("10") @Min(1) int failedLoginsPerMinute) {
}

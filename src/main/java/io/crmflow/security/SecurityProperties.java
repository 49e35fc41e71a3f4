package io.crmflow.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.security.*
 *
 * @param adminPassword password of the {@code admin} user; from CRMFLOW_ADMIN_PASSWORD. Without it
 *                      (outside the dev profile) the app refuses to start rather than run with a default.
 * @param demoUsers     create the demo users (password = user id); only the dev profile sets it
 */
@Validated
@ConfigurationProperties("crmflow.security")
public record SecurityProperties(
    @NotBlank(message = "must be set: export CRMFLOW_ADMIN_PASSWORD (only the dev profile has a default)")
    String adminPassword,
    boolean demoUsers) {
}

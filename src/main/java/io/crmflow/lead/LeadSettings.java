package io.crmflow.lead;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * crmflow.leads.*
 *
 * @param welcomeInterval         a contact gets the welcome email at most once in this period, however
 *                                many leads they submit
 * @param queuedIntakesPerSecond  imported leads whose intake was asked for start at this pace (each
 *                                instance of a cluster)
 */
@Validated
@ConfigurationProperties("crmflow.leads")
public record LeadSettings(
    @DefaultValue("P90D") Duration welcomeInterval,
    @DefaultValue("5") @Min(1) @Max(100) int queuedIntakesPerSecond) {
}
